"""Reusing a page's results when nothing that decides them changed.

A page's results depend on its bytes, its path in the site (URLs resolve against it), the
files of the site it reads (stylesheets, frames, linked pages it tests for), the rule
selection and the engine's code. :mod:`.key` turns those into one key; :mod:`.store` keeps
results under it in a folder (``a11y check --cache-dir``); :mod:`.recording` notes which site
files a page read, so that a later run can tell whether they changed.
"""

from accessibility_analyzer.resultcache.key import current_engine_version, engine_version, page_key
from accessibility_analyzer.resultcache.recording import Dependency, RecordingSite
from accessibility_analyzer.resultcache.reuse import analyse_or_reuse
from accessibility_analyzer.resultcache.store import ResultCache

__all__ = [
    "Dependency",
    "RecordingSite",
    "ResultCache",
    "analyse_or_reuse",
    "current_engine_version",
    "engine_version",
    "page_key",
]

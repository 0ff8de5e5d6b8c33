"""Document-level rules: title, language, refresh, viewport, and text scripts keep changing."""

from __future__ import annotations

from accessibility_analyzer.engine.rule import Rule
from accessibility_analyzer.rules.document.changing_text_controllable import (
    ChangingTextControllable,
)
from accessibility_analyzer.rules.document.document_title import DocumentTitle
from accessibility_analyzer.rules.document.document_title_descriptive import (
    DocumentTitleDescriptive,
)
from accessibility_analyzer.rules.document.html_has_lang import HtmlHasLang
from accessibility_analyzer.rules.document.html_lang_matches_content import (
    HtmlLangMatchesContent,
)
from accessibility_analyzer.rules.document.html_lang_valid import HtmlLangValid
from accessibility_analyzer.rules.document.html_xml_lang_mismatch import HtmlXmlLangMismatch
from accessibility_analyzer.rules.document.lang_matches_content import LangMatchesContent
from accessibility_analyzer.rules.document.meta_refresh import MetaRefresh
from accessibility_analyzer.rules.document.meta_refresh_no_exception import (
    MetaRefreshNoException,
)
from accessibility_analyzer.rules.document.meta_viewport import MetaViewport
from accessibility_analyzer.rules.document.valid_lang import ValidLang

RULES: tuple[type[Rule], ...] = (
    ChangingTextControllable,
    DocumentTitle,
    DocumentTitleDescriptive,
    HtmlHasLang,
    HtmlLangMatchesContent,
    HtmlLangValid,
    HtmlXmlLangMismatch,
    LangMatchesContent,
    MetaRefresh,
    MetaRefreshNoException,
    MetaViewport,
    ValidLang,
)

__all__ = ["RULES"]

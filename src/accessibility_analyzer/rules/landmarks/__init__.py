"""Landmark rules: the page's regions (main, banner, navigation...) and skipping repeated blocks."""

from __future__ import annotations

from accessibility_analyzer.engine.rule import Rule
from accessibility_analyzer.rules.landmarks.bypass import Bypass
from accessibility_analyzer.rules.landmarks.bypass_collapsible import BypassCollapsible
from accessibility_analyzer.rules.landmarks.bypass_heading import BypassHeading
from accessibility_analyzer.rules.landmarks.bypass_landmark import BypassLandmark
from accessibility_analyzer.rules.landmarks.bypass_skip_link import BypassSkipLink
from accessibility_analyzer.rules.landmarks.landmark_banner_is_top_level import (
    LandmarkBannerIsTopLevel,
)
from accessibility_analyzer.rules.landmarks.landmark_complementary_is_top_level import (
    LandmarkComplementaryIsTopLevel,
)
from accessibility_analyzer.rules.landmarks.landmark_contentinfo_is_top_level import (
    LandmarkContentinfoIsTopLevel,
)
from accessibility_analyzer.rules.landmarks.landmark_main_is_top_level import (
    LandmarkMainIsTopLevel,
)
from accessibility_analyzer.rules.landmarks.landmark_no_duplicate_banner import (
    LandmarkNoDuplicateBanner,
)
from accessibility_analyzer.rules.landmarks.landmark_no_duplicate_contentinfo import (
    LandmarkNoDuplicateContentinfo,
)
from accessibility_analyzer.rules.landmarks.landmark_no_duplicate_main import (
    LandmarkNoDuplicateMain,
)
from accessibility_analyzer.rules.landmarks.landmark_one_main import LandmarkOneMain
from accessibility_analyzer.rules.landmarks.landmark_unique import LandmarkUnique
from accessibility_analyzer.rules.landmarks.region import Region

RULES: tuple[type[Rule], ...] = (
    Bypass,
    BypassCollapsible,
    BypassHeading,
    BypassLandmark,
    BypassSkipLink,
    LandmarkBannerIsTopLevel,
    LandmarkComplementaryIsTopLevel,
    LandmarkContentinfoIsTopLevel,
    LandmarkMainIsTopLevel,
    LandmarkNoDuplicateBanner,
    LandmarkNoDuplicateContentinfo,
    LandmarkNoDuplicateMain,
    LandmarkOneMain,
    LandmarkUnique,
    Region,
)

__all__ = ["RULES"]

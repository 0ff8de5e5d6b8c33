"""Text alternatives: images, image buttons, image-map areas, objects, SVG and ``role=img``."""

from __future__ import annotations

from accessibility_analyzer.engine.rule import Rule
from accessibility_analyzer.rules.text_alternatives.area_alt import AreaAlt
from accessibility_analyzer.rules.text_alternatives.decorative_not_exposed import (
    DecorativeNotExposed,
)
from accessibility_analyzer.rules.text_alternatives.hidden_image_decorative import (
    HiddenImageDecorative,
)
from accessibility_analyzer.rules.text_alternatives.image_alt import ImageAlt
from accessibility_analyzer.rules.text_alternatives.image_alt_descriptive import (
    ImageAltDescriptive,
)
from accessibility_analyzer.rules.text_alternatives.image_no_text import ImageNoText
from accessibility_analyzer.rules.text_alternatives.image_redundant_alt import ImageRedundantAlt
from accessibility_analyzer.rules.text_alternatives.input_image_alt import InputImageAlt
from accessibility_analyzer.rules.text_alternatives.object_alt import ObjectAlt
from accessibility_analyzer.rules.text_alternatives.role_img_alt import RoleImgAlt
from accessibility_analyzer.rules.text_alternatives.svg_img_alt import SvgImgAlt

RULES: tuple[type[Rule], ...] = (
    AreaAlt,
    DecorativeNotExposed,
    HiddenImageDecorative,
    ImageAlt,
    ImageAltDescriptive,
    ImageNoText,
    ImageRedundantAlt,
    InputImageAlt,
    ObjectAlt,
    RoleImgAlt,
    SvgImgAlt,
)

__all__ = ["RULES"]

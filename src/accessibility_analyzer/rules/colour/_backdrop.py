"""What is painted behind an element's text, and the text's own colour, from the cascade.

The backdrop of an element is its ancestors' background colours (and gradients) composited
from the canvas (white) down to the element, with ``opacity`` groups kept apart so that the
text and its background fade together. It is memoised per element (each element's state is
its parent's plus its own layer), so a page pays one small step per element however many
text elements ask.

Where CSS alone cannot know what is behind the text (a background image, an element taken
out of the flow by absolute positioning or moved by a transform, blend modes, filters,
``background-clip: text``), the backdrop carries the reason instead of colours.
"""

from __future__ import annotations

from dataclasses import dataclass

from accessibility_analyzer.engine.css import Style, computed_style, page_sheets
from accessibility_analyzer.engine.css.colour import (
    CURRENT_COLOUR,
    TRANSPARENT,
    WHITE,
    Colour,
    gradient_colours,
    over,
    parse_colour,
)
from accessibility_analyzer.engine.dom import NOT_COMPUTED, Element, Page

_MAX_CANDIDATES = 64  # background colours kept per element (gradients multiply them)


@dataclass(frozen=True, slots=True)
class Group:
    """One open ``opacity`` group: what was painted inside it so far, and its opacity.

    ``colours`` are the possible colours of the group's content at the text's position
    (more than one under a gradient); translucent until an opaque layer is painted.
    """

    opacity: float
    colours: tuple[Colour, ...]


@dataclass(frozen=True, slots=True)
class Backdrop:
    """The paint behind an element's content: nested opacity groups, or why it is unknown."""

    groups: tuple[Group, ...]
    unknown: str | None = None  # why CSS alone cannot know the backdrop
    sticky: str | None = None  # a blend mode or filter: no descendant background undoes it

    @property
    def why_unknown(self) -> str | None:
        """Why CSS alone cannot know the backdrop (``None`` when it can)."""
        return self.sticky or self.unknown

    def flatten(self, top: Colour | None = None) -> list[Colour] | None:
        """The opaque colours seen, with ``top`` (the text colour) painted inside the
        innermost group; ``None`` when the backdrop is unknown or too entangled."""
        if self.unknown is not None or self.sticky is not None:
            return None
        inner = self.groups[-1]
        candidates = [over(top, colour) if top else colour for colour in inner.colours]
        for index in range(len(self.groups) - 1, 0, -1):
            group, below = self.groups[index], self.groups[index - 1]
            if len(below.colours) != 1 and group.opacity < 1.0:
                return None  # a faded group over a gradient: too many combinations
            candidates = [
                over(colour.with_alpha(group.opacity), below_colour)
                for colour in candidates
                for below_colour in below.colours
            ]
        return [over(colour, WHITE) for colour in candidates]


_CANVAS = Backdrop((Group(1.0, (WHITE,)),))


def _describe(element: Element) -> str:
    ident = element.attrs.get("id")
    return f"<{element.tag}#{ident}>" if ident else f"<{element.tag}>"


def _opacity(value: str) -> float | None:
    try:
        number = float(value[:-1]) / 100 if value.endswith("%") else float(value)
    except ValueError:
        return None
    return max(0.0, min(1.0, number))


# Non-inherited properties the backdrop reads; an element declaring none of them (most
# elements) shares its parent's backdrop object.
_PROPERTIES = (
    "background-color",
    "background-image",
    "opacity",
    "position",
    "transform",
    "mix-blend-mode",
    "filter",
    "background-clip",
    "-webkit-background-clip",
    "margin-top",
    "margin-left",
)
_PROPERTY_SET = frozenset(_PROPERTIES)
_INITIAL = {
    "background-color": "transparent",
    "background-image": "none",
    "opacity": "1",
    "position": "static",
    "transform": "none",
    "mix-blend-mode": "normal",
    "filter": "none",
    "background-clip": "border-box",
    "-webkit-background-clip": "border-box",
    "margin-top": "0px",
    "margin-left": "0px",
}


def _declared(style: Style) -> dict[str, str] | None:
    """The computed values of the backdrop's properties that differ from the initial ones
    (``None`` when the element declares none: the fast path)."""
    if not style.declares_any(_PROPERTY_SET):
        return None
    values: dict[str, str] | None = None
    for prop in _PROPERTIES:
        value = style.specified(prop)
        if value is None:
            continue
        if value in _CSS_WIDE or "var(" in value:
            value = style.get(prop) or _INITIAL[prop]  # the cascade resolves these
        if value != _INITIAL[prop]:
            if values is None:
                values = {}
            values[prop] = value
    return values


_CSS_WIDE = frozenset({"inherit", "initial", "unset", "revert", "revert-layer"})


def _sticky(values: dict[str, str], described: str) -> str | None:
    """Styles that change every colour painted inside the element, backgrounds included."""
    if "mix-blend-mode" in values:
        return f"mix-blend-mode on {described} mixes the text with what is behind it"
    if "filter" in values:
        return f"a filter on {described} changes the painted colours"
    if "text" in (values.get("background-clip"), values.get("-webkit-background-clip")):
        return f"background-clip: text on {described} paints the text with its background"
    return None


def _moved(page: Page, element: Element, values: dict[str, str], described: str) -> str | None:
    """Why what lies behind this element cannot be known without layout, if so."""
    position = values.get("position")
    if position in ("absolute", "fixed"):
        return f"{described} is positioned ({position}): what lies behind it depends on layout"
    if "translate" in values.get("transform", ""):
        return f"a transform moves {described}: what lies behind it depends on layout"
    for side in ("margin-top", "margin-left"):
        margin = values.get(side, "0px")
        if (
            margin.startswith("-")
            and margin.lstrip("-0.").rstrip("px%emrc")
            and _paints_background(page, element.parent)
        ):
            # Out of a parent that paints its own background, the text may sit on another.
            return f"a negative {side} moves {described} out of its parent's background"
    return None


def _paints_background(page: Page, element: Element | None) -> bool:
    if element is None:
        return False
    values = _declared(computed_style(page, element)) or {}
    return "background-image" in values or values.get("background-color") not in (
        None,
        "transparent",
    )


def _layer(
    page: Page, element: Element, values: dict[str, str]
) -> tuple[list[Colour] | None, str | None]:
    """The colours this element's own background paints (``[]`` for none), or why unknown."""
    parsed = parse_colour(values.get("background-color", "transparent"))
    colour = foreground(page, element) if parsed is CURRENT_COLOUR else parsed
    if not isinstance(colour, Colour):
        return None, f"the background colour of {_describe(element)} is not computed"
    image = values.get("background-image")
    if image is None:
        return ([] if colour.is_transparent else [colour]), None
    gradient = gradient_colours(image)
    if gradient is None:
        return None, f"a background image on {_describe(element)} is behind the text"
    # The element's colour shows wherever the gradient does not cover (size, repeat).
    return [colour, *(over(stop, colour) for stop in gradient)], None


def backdrop(page: Page, element: Element) -> Backdrop:
    """The memoised backdrop behind ``element``'s content (its own background included)."""
    table = page.element_table("colour.backdrop")
    if table[element.order] is not NOT_COMPUTED:
        return table[element.order]  # type: ignore[no-any-return]
    chain: list[Element] = []
    node: Element | None = element
    while node is not None and table[node.order] is NOT_COMPUTED:
        chain.append(node)
        node = node.parent
    state: Backdrop = table[node.order] if node is not None else _CANVAS
    for current in reversed(chain):
        values = _declared(computed_style(page, current))
        if values is not None:
            state = _step(page, current, state, values)
        table[current.order] = state
    return state


def _step(page: Page, element: Element, parent: Backdrop, values: dict[str, str]) -> Backdrop:
    described = _describe(element)
    layer, unknown = _layer(page, element, values)
    painted_opaque = bool(layer) and all(colour.is_opaque for colour in layer or ())
    if unknown is None and not painted_opaque:
        unknown = _moved(page, element, values, described)
    groups = parent.groups
    opacity = _opacity(values.get("opacity", "1"))
    if opacity is None:
        unknown = unknown or f"the opacity of {described} is not computed"
        opacity = 1.0
    if opacity < 1.0:
        groups = (*groups, Group(opacity, (TRANSPARENT,)))
    sticky = parent.sticky or _sticky(values, described)
    if unknown is not None or layer is None:
        return Backdrop(groups, unknown or parent.unknown, sticky)
    inner = groups[-1]
    colours = inner.colours
    if layer:
        colours = tuple(dict.fromkeys(over(top, below) for top in layer for below in colours))
        if len(colours) > _MAX_CANDIDATES:
            return Backdrop(groups, f"too many background colours under {described}", sticky)
    groups = (*groups[:-1], Group(inner.opacity, colours))
    still_unknown = parent.unknown
    if still_unknown is not None and len(groups) == 1 and painted_opaque:
        still_unknown = None  # an opaque background covers whatever was unknown below
    return Backdrop(groups, still_unknown, sticky)


def mentioned(page: Page, prop: str) -> bool:
    """Whether the page or one of its sheets mentions ``prop`` at all (memoised per page).

    A property nobody declares has its initial value everywhere: the rules skip reading it,
    which spares a walk up the ancestors' styles for every text element.
    """
    table = page.memo_table("colour.mentioned")
    key = hash(prop)
    known = table.get(key)
    if known is None:
        known = table[key] = prop in page.source or any(
            prop in sheet.text for sheet in page_sheets(page).sheets
        )
    return bool(known)


def foreground(page: Page, element: Element) -> Colour | None:
    """The computed text colour of ``element`` (``currentcolor`` resolved), or ``None``.

    ``-webkit-text-fill-color``, when set to a colour, paints the glyphs instead of ``color``.
    """
    filled = mentioned(page, "-webkit-text-fill-color")
    node: Element | None = element
    while node is not None:
        style = computed_style(page, node)
        fill = style.get("-webkit-text-fill-color") if filled else None
        colour = parse_colour(fill or "currentcolor")
        if colour is CURRENT_COLOUR:
            colour = parse_colour(style.get("color") or "canvastext")
        if isinstance(colour, Colour):
            return colour
        if colour is not CURRENT_COLOUR:
            return None
        node = node.parent  # ``color: currentcolor`` is the inherited colour
    return Colour(0.0, 0.0, 0.0)

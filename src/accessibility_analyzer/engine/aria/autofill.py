"""Parsing the ``autocomplete`` attribute (HTML §4.10.18.7.1, "autofill detail tokens")."""

from __future__ import annotations

from dataclasses import dataclass

from accessibility_analyzer.engine.standards.autocomplete import (
    ADDRESS_TYPES,
    CONTACT_FIELD_NAMES,
    CONTACT_TYPES,
    CONTROL_GROUP_CONTROLS,
    FIELD_NAMES,
    ON_OFF,
    SECTION_PREFIX,
    WEBAUTHN,
)


@dataclass(frozen=True)
class AutofillDetail:
    """A valid ``autocomplete`` value, split into its parts (lower case).

    Attributes:
        field_name: ``email``, ``cc-number``, ... or ``on``/``off``.
        control_group: the field's control group (``text``, ``username``...), ``""`` for
            ``on``/``off``.
        section: the ``section-*`` token or ``""``.
        address_type: ``shipping``, ``billing`` or ``""``.
        contact_type: ``home``, ``work``, ``mobile``, ``fax``, ``pager`` or ``""``.
        webauthn: the value ends with ``webauthn``.
    """

    field_name: str
    control_group: str
    section: str = ""
    address_type: str = ""
    contact_type: str = ""
    webauthn: bool = False


def parse_autocomplete(value: str) -> AutofillDetail | None:
    """Parse an ``autocomplete`` value; ``None`` when it is not a valid token list.

    Tokens are case-insensitive and separated by ASCII whitespace. The grammar is
    ``[section-*] [shipping|billing] [contact-type] field-name [webauthn]`` (the contact
    type only before a contact field), or ``on`` / ``off`` alone.
    """
    tokens = value.lower().split()
    if not tokens:
        return None
    if len(tokens) == 1 and tokens[0] in ON_OFF:
        return AutofillDetail(field_name=tokens[0], control_group="")
    webauthn = tokens[-1] == WEBAUTHN
    if webauthn:
        tokens = tokens[:-1]
    if not tokens:
        return None
    field_name = tokens.pop()
    contact_type = ""
    if field_name in CONTACT_FIELD_NAMES:
        group = CONTACT_FIELD_NAMES[field_name]
        if tokens and tokens[-1] in CONTACT_TYPES:
            contact_type = tokens.pop()
    elif field_name in FIELD_NAMES:
        group = FIELD_NAMES[field_name]
    else:
        return None
    address_type = tokens.pop() if tokens and tokens[-1] in ADDRESS_TYPES else ""
    section = tokens.pop() if tokens and tokens[-1].startswith(SECTION_PREFIX) else ""
    if tokens:
        return None
    return AutofillDetail(
        field_name=field_name,
        control_group=group,
        section=section,
        address_type=address_type,
        contact_type=contact_type,
        webauthn=webauthn,
    )


def is_appropriate_field(detail: AutofillDetail, control: str) -> bool:
    """Whether the field suits the control (``text``, ``email``... input types, or
    ``textarea``/``select``); ``on``/``off`` suit every control."""
    if not detail.control_group:
        return True
    return control in CONTROL_GROUP_CONTROLS[detail.control_group]

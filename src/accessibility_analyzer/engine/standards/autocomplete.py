# Source: HTML Living Standard, §4.10.18.7 "Autofill" (autofill field names, their control
# groups, and the input types each control group is appropriate for),
# https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#autofill
# (table as of 2024; the ACT rule 73f2c2 refers to the same table).
"""HTML autofill tokens: field names, control groups and the controls each suits."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

# Control group -> the controls it is appropriate for ("input type" names, plus
# ``textarea`` and ``select`` for those elements).
CONTROL_GROUP_CONTROLS: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        "text": frozenset({"hidden", "text", "search", "textarea", "select"}),
        "multiline": frozenset({"hidden", "textarea", "select"}),
        "password": frozenset({"hidden", "text", "search", "password", "textarea", "select"}),
        "url": frozenset({"hidden", "text", "search", "url", "textarea", "select"}),
        "username": frozenset({"hidden", "text", "search", "email", "textarea", "select"}),
        "tel": frozenset({"hidden", "text", "search", "tel", "textarea", "select"}),
        "numeric": frozenset({"hidden", "text", "search", "number", "textarea", "select"}),
        "month": frozenset({"hidden", "text", "search", "month", "textarea", "select"}),
        "date": frozenset({"hidden", "text", "search", "date", "textarea", "select"}),
    }
)

# Field names that are not contact information: field name -> control group.
FIELD_NAMES: Mapping[str, str] = MappingProxyType(
    {
        "name": "text",
        "honorific-prefix": "text",
        "given-name": "text",
        "additional-name": "text",
        "family-name": "text",
        "honorific-suffix": "text",
        "nickname": "text",
        "username": "username",
        "new-password": "password",
        "current-password": "password",
        "one-time-code": "password",
        "organization-title": "text",
        "organization": "text",
        "street-address": "multiline",
        "address-line1": "text",
        "address-line2": "text",
        "address-line3": "text",
        "address-level4": "text",
        "address-level3": "text",
        "address-level2": "text",
        "address-level1": "text",
        "country": "text",
        "country-name": "text",
        "postal-code": "text",
        "cc-name": "text",
        "cc-given-name": "text",
        "cc-additional-name": "text",
        "cc-family-name": "text",
        "cc-number": "text",
        "cc-exp": "month",
        "cc-exp-month": "numeric",
        "cc-exp-year": "numeric",
        "cc-csc": "text",
        "cc-type": "text",
        "transaction-currency": "text",
        "transaction-amount": "numeric",
        "language": "text",
        "bday": "date",
        "bday-day": "numeric",
        "bday-month": "numeric",
        "bday-year": "numeric",
        "sex": "text",
        "url": "url",
        "photo": "url",
    }
)

# Contact field names (may follow a contact-type token such as ``work``): -> control group.
CONTACT_FIELD_NAMES: Mapping[str, str] = MappingProxyType(
    {
        "tel": "tel",
        "tel-country-code": "text",
        "tel-national": "text",
        "tel-area-code": "text",
        "tel-local": "text",
        "tel-local-prefix": "text",
        "tel-local-suffix": "text",
        "tel-extension": "text",
        "email": "username",
        "impp": "url",
    }
)

# Tokens that may precede a contact field name.
CONTACT_TYPES: frozenset[str] = frozenset({"home", "work", "mobile", "fax", "pager"})

# Tokens that may precede the field name (after an optional ``section-*`` token).
ADDRESS_TYPES: frozenset[str] = frozenset({"shipping", "billing"})

# The autofill "expectation mantle" values valid on their own.
ON_OFF: frozenset[str] = frozenset({"on", "off"})

# The token a credential field may end with (``username webauthn``).
WEBAUTHN = "webauthn"

SECTION_PREFIX = "section-"

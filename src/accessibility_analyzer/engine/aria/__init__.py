"""ARIA and HTML semantics of the page model: roles, names, hidden-ness, focus, language.

Everything here is pure and synchronous, memoised per page (``page.memo_table``) and
iterative where trees can be deep. Rules import from this package only.
"""

from accessibility_analyzer.engine.aria.accname import (
    accessible_description,
    accessible_name,
    name_source,
)
from accessibility_analyzer.engine.aria.allowed import allowed_roles, is_role_allowed
from accessibility_analyzer.engine.aria.attributes import (
    aria_attributes,
    is_attribute_prohibited,
    is_attribute_supported,
    is_valid_attribute_value,
)
from accessibility_analyzer.engine.aria.autofill import (
    AutofillDetail,
    is_appropriate_field,
    parse_autocomplete,
)
from accessibility_analyzer.engine.aria.focus import (
    is_disabled,
    is_focusable,
    is_in_sequential_focus_navigation,
    is_natively_disabled,
    tabindex_of,
)
from accessibility_analyzer.engine.aria.hidden import (
    is_aria_hidden,
    is_hidden,
    is_inert,
    is_programmatically_hidden,
    is_visible,
)
from accessibility_analyzer.engine.aria.implicit import implicit_role, input_type
from accessibility_analyzer.engine.aria.labels import labels_of
from accessibility_analyzer.engine.aria.language import (
    LanguageTag,
    element_language,
    has_known_primary_language,
    is_valid_language_tag,
    languages_match,
    parse_language_tag,
    primary_language,
)
from accessibility_analyzer.engine.aria.ownership import (
    accessibility_children,
    accessibility_parent,
    has_accessibility_node,
    owned_text,
)
from accessibility_analyzer.engine.aria.roles import (
    has_global_aria_attribute,
    has_presentational_conflict,
    is_interactive_role,
    role_of,
)
from accessibility_analyzer.engine.aria.roles_base import (
    explicit_role,
    explicit_role_tokens,
    is_valid_role,
)
from accessibility_analyzer.engine.aria.tables import is_cell_of, owning_table, table_cells
from accessibility_analyzer.engine.aria.tree import (
    is_included_in_accessibility_tree,
    is_presentational_child,
)

__all__ = [
    "AutofillDetail",
    "LanguageTag",
    "accessibility_children",
    "accessibility_parent",
    "accessible_description",
    "accessible_name",
    "allowed_roles",
    "aria_attributes",
    "element_language",
    "explicit_role",
    "explicit_role_tokens",
    "has_accessibility_node",
    "has_global_aria_attribute",
    "has_known_primary_language",
    "has_presentational_conflict",
    "implicit_role",
    "input_type",
    "is_appropriate_field",
    "is_aria_hidden",
    "is_attribute_prohibited",
    "is_attribute_supported",
    "is_cell_of",
    "is_disabled",
    "is_focusable",
    "is_hidden",
    "is_in_sequential_focus_navigation",
    "is_included_in_accessibility_tree",
    "is_inert",
    "is_interactive_role",
    "is_natively_disabled",
    "is_presentational_child",
    "is_programmatically_hidden",
    "is_role_allowed",
    "is_valid_attribute_value",
    "is_valid_language_tag",
    "is_valid_role",
    "is_visible",
    "labels_of",
    "languages_match",
    "name_source",
    "owned_text",
    "owning_table",
    "parse_autocomplete",
    "parse_language_tag",
    "primary_language",
    "role_of",
    "tabindex_of",
    "table_cells",
]

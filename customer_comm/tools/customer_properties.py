# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Company-defined customer fields (Odoo properties) with two more flags.

Odoo's property definitions accept a fixed set of keys. The customer fields
of a company also say whether a value is *required* and whether the customer
is asked for it online (*collect online*, on the portal). Both flags live in
the definition itself, next to Odoo's own keys, so that they are edited in
the same place as the label and the type (the property editor of the
customer form) and follow the property when it is renamed, moved or deleted.
"""

import math

from odoo import fields
from odoo.tools import float_repr

# the two keys this module adds to a property definition
FLAG_KEYS = ("required", "collect_online")
# a yes/no value is always "filled", a separator has no value
REQUIRED_TYPES = frozenset(
    {
        "char",
        "integer",
        "float",
        "date",
        "datetime",
        "selection",
        "many2one",
        "many2many",
        "tags",
    }
)
# the types a customer can type or pick in a plain web form
ONLINE_TYPES = frozenset({"char", "integer", "float", "boolean", "date", "selection"})
# the HTML input of each online type
ONLINE_INPUT_TYPES = {
    "char": "text",
    "integer": "number",
    "float": "number",
    "boolean": "checkbox",
    "date": "date",
}
# the name of a property's input in a web form
ONLINE_INPUT_PREFIX = "customer_property_"


def clean_definition_flags(definition):
    """Keep the flags a property of that type can have, as booleans."""
    for prop in definition:
        prop_type = prop.get("type")
        allowed = {
            "required": prop_type in REQUIRED_TYPES,
            "collect_online": prop_type in ONLINE_TYPES,
        }
        for key in FLAG_KEYS:
            if key not in prop:
                continue
            if allowed[key] and prop[key]:
                prop[key] = True
            else:
                del prop[key]
    return definition


class CustomerPropertiesDefinition(fields.PropertiesDefinition):
    """Odoo's properties definition, with the ``required`` and
    ``collect_online`` flags allowed on each property (and dropped where the
    property's type cannot have them)."""

    ALLOWED_KEYS = (*fields.PropertiesDefinition.ALLOWED_KEYS, *FLAG_KEYS)

    def convert_to_column(self, value, record, values=None, validate=True):
        if isinstance(value, list):
            value = clean_definition_flags([dict(prop) for prop in value])
        return super().convert_to_column(value, record, values, validate)

    def convert_to_cache(self, value, record, validate=True):
        if isinstance(value, list):
            value = clean_definition_flags([dict(prop) for prop in value])
        return super().convert_to_cache(value, record, validate)


def is_empty(prop_type, value):
    """Whether a property value counts as "not filled in"."""
    if prop_type in ("integer", "float"):
        return value is None or value is False
    return not value


def format_input_value(prop, value):
    """The value of a property as the text of its web form input."""
    prop_type = prop["type"]
    if value is None or value is False:
        return ""
    if prop_type == "float":
        return float_repr(value, 6).rstrip("0").rstrip(".")
    return str(value)


def parse_input_value(prop, text):
    """``(value, ok)``: the property value of a web form input's text.

    ``ok`` is False when the text cannot be a value of that type; an empty
    text is the empty value of the type.
    """
    prop_type = prop["type"]
    text = (text or "").strip()
    if prop_type == "boolean":
        return bool(text), True
    if not text:
        return False, True
    try:
        if prop_type == "integer":
            return int(text), True
        if prop_type == "float":
            value = float(text.replace(",", "."))
            return (value, True) if math.isfinite(value) else (False, False)
        if prop_type == "date":
            return fields.Date.to_string(fields.Date.to_date(text)), True
    except ValueError:
        return False, False
    if prop_type == "selection":
        keys = {option[0] for option in prop.get("selection") or []}
        return (text, True) if text in keys else (False, False)
    return text, True

# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The Italian codice fiscale, checked with python-stdnum.

A pure function: no database, so that a test can call it alone and the
partner's constraint and the import share one rule.
"""

from stdnum import exceptions as stdnum_exceptions
from stdnum.it import codicefiscale, iva

from odoo.tools import LazyTranslate

_lt = LazyTranslate(__name__)


def check(code, is_company, country_code):
    """``(stored_code, reason)`` for ``code``: Italian codes (``country_code``
    "IT") are compacted, upper-cased and validated (an individual's 16
    characters; a company's 11 digits, or the owner's 16 characters for a
    sole trader), other countries' codes are only stripped. ``reason`` is a
    translatable sentence, or ``None`` when the code is acceptable."""
    if not code or not code.strip():
        return False, None
    if country_code != "IT":
        return code.strip(), None
    code = codicefiscale.compact(code)
    if is_company and len(code) == 11:
        validator = iva
    elif len(code) == 16:
        validator = codicefiscale
    elif is_company:
        return code, _lt(
            "A company's fiscal code has 11 digits (or the owner's 16 "
            "characters for a sole trader)."
        )
    else:
        return code, _lt("An individual's fiscal code has 16 characters.")
    try:
        validator.validate(code)
    except stdnum_exceptions.InvalidChecksum:
        return code, _lt("its check character is wrong (a typing mistake?).")
    except stdnum_exceptions.InvalidComponent:
        return code, _lt(
            "some of its parts are impossible (birth date, municipality "
            "or tax office code)."
        )
    except stdnum_exceptions.ValidationError:
        return code, _lt("it does not have the form of a codice fiscale.")
    return code, None

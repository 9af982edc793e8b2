# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class CustomerPropertiesPortal(CustomerPortal):
    """The customer fields a company collects online, on the customer's own
    details page (/my/account), required ones enforced."""

    def _customer_properties_online(self):
        partner = request.env.user.partner_id
        if request.env.user._is_public() or not partner:
            return []
        return partner._customer_properties_online()

    @http.route()
    def home(self, **kw):
        response = super().home(**kw)
        if not hasattr(response, "qcontext"):
            return response
        response.qcontext["customer_missing_details"] = [
            prop["string"] or prop["name"]
            for prop in self._customer_properties_online()
            if prop.get("required") and not prop["input_text"]
        ]
        return response

    @http.route()
    def account(self, redirect=None, **post):
        response = super().account(redirect=redirect, **post)
        if hasattr(response, "qcontext"):
            response.qcontext["customer_properties"] = (
                self._customer_properties_online()
            )
        return response

    def _get_optional_fields(self):
        return super()._get_optional_fields() + [
            prop["input"] for prop in self._customer_properties_online()
        ]

    def details_form_validate(self, data, partner_creation=False):
        error, error_message = super().details_form_validate(
            data, partner_creation=partner_creation
        )
        partner = request.env.user.partner_id
        if partner_creation or request.env.user._is_public() or not partner:
            return error, error_message
        _values, prop_errors = partner._customer_properties_parse_online(data)
        error.update(prop_errors)
        if "error" in prop_errors.values():
            error_message.append(_("Some of your details are not valid values."))
        required_message = _("Some required fields are empty.")
        if "missing" in prop_errors.values() and required_message not in error_message:
            error_message.append(required_message)
        return error, error_message

    def on_account_update(self, values, partner):
        res = super().on_account_update(values, partner)
        # the form's values were validated by details_form_validate
        properties, _errors = partner._customer_properties_parse_online(values)
        for prop in partner._customer_properties_online():
            values.pop(prop["input"], None)
        partner._customer_properties_save_online(properties)
        return res

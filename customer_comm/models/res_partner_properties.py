# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Company-defined customer fields (Odoo properties), required and
collected online."""

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression

from ..tools import customer_properties


class ResPartner(models.Model):
    _inherit = "res.partner"

    properties_company_id = fields.Many2one(
        comodel_name="res.company",
        compute="_compute_properties_company_id",
        store=True,
        precompute=True,
        help="The company whose customer properties this customer has: its "
        "own company, or the company it was created in when it is shared.",
    )
    # staff only: the portal reads and writes the properties collected online
    # through its controller (``_customer_properties_online``)
    partner_properties = fields.Properties(
        string="Properties",
        definition="properties_company_id.partner_properties_definition",
        copy=True,
        groups="base.group_user",
    )
    properties_missing_required = fields.Char(
        string="Missing required details",
        compute="_compute_properties_missing_required",
        search="_search_properties_missing_required",
        groups="base.group_user",
        help="The customer fields marked required that this customer has not "
        "filled in yet.",
    )

    @api.depends("company_id")
    def _compute_properties_company_id(self):
        for partner in self:
            partner.properties_company_id = partner.company_id or self.env.company

    def _customer_properties_definition(self):
        """The customer fields of this customer's company (definitions)."""
        self.ensure_one()
        return self.properties_company_id.sudo().partner_properties_definition or []

    def _customer_properties_staff_domain(self):
        """The partners that are not customers: the companies' own partners and
        the internal users' (required customer fields do not concern them)."""
        company_partners = self.env["res.company"].sudo().search([]).partner_id
        return [
            "|",
            ("id", "in", company_partners.ids),
            ("user_ids.share", "=", False),
        ]

    @api.depends(
        "partner_properties",
        "properties_company_id.partner_properties_definition",
        "user_ids.share",
    )
    def _compute_properties_missing_required(self):
        missing = {}
        for partner in self:
            values = partner.partner_properties or {}
            missing[partner] = ", ".join(
                prop.get("string") or prop["name"]
                for prop in partner._customer_properties_definition()
                if prop.get("required")
                and customer_properties.is_empty(prop["type"], values.get(prop["name"]))
            )
        # staff never miss anything: looked up among those who do only (most
        # customers miss nothing, and most companies require nothing)
        concerned = self.filtered(lambda partner: missing[partner])
        staff = (
            concerned.filtered_domain(self._customer_properties_staff_domain())
            if concerned
            else concerned
        )
        for partner in self:
            partner.properties_missing_required = (
                partner not in staff and missing[partner] or False
            )

    def _search_properties_missing_required(self, operator, value):
        if operator not in ("=", "!=") or value not in (False, True):
            raise UserError(_("This search is not supported."))
        companies = (
            self.env["res.company"]
            .sudo()
            .search_fetch(
                [("partner_properties_definition", "!=", False)],
                ["partner_properties_definition"],
            )
        )
        missing = []
        for company in companies:
            names = [
                prop["name"]
                for prop in company.partner_properties_definition
                if prop.get("required")
            ]
            if not names:
                continue
            missing.append(
                [
                    ("properties_company_id", "=", company.id),
                    *expression.OR(
                        [[(f"partner_properties.{name}", "=", False)] for name in names]
                    ),
                ]
            )
        domain = expression.AND(
            [
                expression.OR(missing) if missing else expression.FALSE_DOMAIN,
                ["!", *self._customer_properties_staff_domain()],
            ]
        )
        if (operator == "!=") == bool(value):
            return ["!", *expression.normalize_domain(domain)]
        return domain

    def _customer_properties_online(self):
        """The customer fields this customer is asked for online, each a dict
        of its definition with its ``value`` and the ``input`` name and text
        of its web form field."""
        self.ensure_one()
        values = self.sudo().partner_properties or {}
        result = []
        for prop in self._customer_properties_definition():
            if not prop.get("collect_online") or (
                prop["type"] not in customer_properties.ONLINE_TYPES
            ):
                continue
            value = values.get(prop["name"])
            result.append(
                dict(
                    prop,
                    value=value,
                    input=customer_properties.ONLINE_INPUT_PREFIX + prop["name"],
                    input_type=customer_properties.ONLINE_INPUT_TYPES.get(prop["type"]),
                    input_text=customer_properties.format_input_value(prop, value),
                )
            )
        return result

    def _customer_properties_parse_online(self, form, names=None):
        """``(values, errors)`` of the customer fields posted by a web form
        (all those collected online, or the ``names`` ones): ``values`` maps
        property names to their new value, ``errors`` maps input names to
        ``"missing"`` or ``"error"``."""
        self.ensure_one()
        values, errors = {}, {}
        for prop in self._customer_properties_online():
            if names is not None and prop["name"] not in names:
                continue
            text = form.get(prop["input"])
            value, ok = customer_properties.parse_input_value(prop, text)
            if not ok:
                errors[prop["input"]] = "error"
            elif prop.get("required") and customer_properties.is_empty(
                prop["type"], value
            ):
                errors[prop["input"]] = "missing"
            else:
                values[prop["name"]] = value
        return values, errors

    def _customer_properties_save_online(self, values):
        """Store the customer fields given online, keeping the others."""
        self.ensure_one()
        if values:
            self.sudo().partner_properties = {
                **(self.sudo().partner_properties or {}),
                **values,
            }

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # Odoo keeps property values given at creation only when their
            # container is given too (it is computed here)
            if vals.get("partner_properties") and "properties_company_id" not in vals:
                vals["properties_company_id"] = (
                    vals.get("company_id")
                    or self.env.context.get("default_company_id")
                    or self.env.company.id
                )
        return super().create(vals_list)

# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Who the customer is: fiscal code, business start date, legal
representative and administrators of a company."""

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..tools import fiscal_code


class ResPartner(models.Model):
    _inherit = "res.partner"

    # personal for individuals: never synchronised with the commercial partner
    fiscal_code = fields.Char(
        index="btree_not_null",
        copy=False,
        help="Italian customers: the codice fiscale (16 characters for "
        "individuals, 11 digits for companies), checked when saved. "
        "Other countries: any tax identifier, not checked.",
    )
    business_start_date = fields.Date(
        help="The date the company started its business.",
    )
    legal_representative_id = fields.Many2one(
        comodel_name="res.partner",
        string="Legal representative",
        domain=[("is_company", "=", False)],
        ondelete="set null",
        index="btree_not_null",
        tracking=True,
        help="The individual who legally represents the company.",
    )
    administrator_ids = fields.Many2many(
        comodel_name="res.partner",
        relation="res_partner_administrator_rel",
        column1="company_partner_id",
        column2="administrator_id",
        string="Administrators",
        domain=[("is_company", "=", False)],
        help="The individuals who administer the company; they may also "
        "represent or administer other companies.",
    )

    # ------------------------------------------------------------ fiscal code
    @api.model
    def _normalize_fiscal_code(self, code, is_company, country):
        """``(stored_code, reason)`` for ``code`` (see ``tools.fiscal_code``),
        ``reason`` translated in the user's language, or ``None``."""
        code, reason = fiscal_code.check(code, is_company, country.code)
        return code, reason and self.env._(reason)

    @api.constrains("fiscal_code", "is_company", "country_id")
    def _check_fiscal_code(self):
        for partner in self.filtered("fiscal_code"):
            _code, reason = self._normalize_fiscal_code(
                partner.fiscal_code, partner.is_company, partner.country_id
            )
            if reason:
                raise ValidationError(
                    _(
                        "The fiscal code %(code)s of %(partner)s is not valid: "
                        "%(reason)s",
                        code=partner.fiscal_code,
                        partner=partner.display_name or _("this customer"),
                        reason=reason,
                    )
                )

    def _store_fiscal_codes_normalized(self):
        """Store Italian fiscal codes compact and upper-case."""
        for partner in self.filtered("fiscal_code"):
            code, _reason = self._normalize_fiscal_code(
                partner.fiscal_code, partner.is_company, partner.country_id
            )
            if code != partner.fiscal_code:
                partner.fiscal_code = code

    # -------------------------------------------------- company's officers
    @api.constrains("legal_representative_id", "administrator_ids")
    def _check_company_officers(self):
        for partner in self:
            if partner.legal_representative_id.is_company:
                raise ValidationError(
                    _(
                        "The legal representative of %(company)s must be a "
                        "person, not the company %(representative)s.",
                        company=partner.display_name,
                        representative=partner.legal_representative_id.display_name,
                    )
                )
            companies = partner.administrator_ids.filtered("is_company")
            if companies:
                raise ValidationError(
                    _(
                        "The administrators of %(company)s must be persons: "
                        "%(names)s is a company.",
                        company=partner.display_name,
                        names=", ".join(companies.mapped("display_name")),
                    )
                )

    @api.constrains("is_company")
    def _check_officer_is_person(self):
        companies = self.filtered("is_company")
        if not companies:
            return
        represented = self.search(
            [
                "|",
                ("legal_representative_id", "in", companies.ids),
                ("administrator_ids", "in", companies.ids),
            ],
            limit=1,
        )
        if represented:
            raise ValidationError(
                _(
                    "%(company)s cannot become a company: it represents or "
                    "administers %(represented)s.",
                    company=", ".join(companies.mapped("display_name")),
                    represented=represented.display_name,
                )
            )

    def action_create_legal_representative(self):
        """Open a new individual, contact of this company, who becomes its
        legal representative once saved."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("New legal representative"),
            "res_model": "res.partner",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_is_company": False,
                "default_company_type": "person",
                "default_type": "contact",
                "default_parent_id": self.id,
                "default_lang": self.lang,
                "customer_comm_representative_of": self.id,
            },
        }

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        represented_id = self.env.context.get("customer_comm_representative_of")
        if represented_id:
            # only the representative itself, not what its creation creates
            self = self.with_context(customer_comm_representative_of=False)
        partners = super().create(vals_list)
        partners._store_fiscal_codes_normalized()
        if represented_id:
            company = self.browse(represented_id).exists()
            person = partners.filtered(lambda p: not p.is_company)[:1]
            if company and person:
                company.legal_representative_id = person
        return partners

    def write(self, vals):
        result = super().write(vals)
        if {"fiscal_code", "country_id", "is_company"} & set(vals):
            self._store_fiscal_codes_normalized()
        return result

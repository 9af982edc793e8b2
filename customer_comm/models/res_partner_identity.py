# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Who the customer is: fiscal code, business start date, legal
representative and administrators of a company."""

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..tools import fiscal_code
from .res_partner import STAFF_PREFETCH


class ResPartner(models.Model):
    _inherit = "res.partner"

    # these fields are for the staff only (portal and public users never read
    # them). The fiscal code is personal for individuals: never synchronised
    # with the commercial partner. It has the name of l10n_it_edi's codice
    # fiscale: with l10n_it_edi installed they are one field and one value
    # (whose own check then also refuses the codes that are not Italian).
    l10n_it_codice_fiscale = fields.Char(
        string="Fiscal code",
        index="btree_not_null",
        copy=False,
        groups="base.group_user",
        prefetch=STAFF_PREFETCH,
        help="Italian customers: the codice fiscale (16 characters for "
        "individuals, 11 digits for companies), checked when saved. "
        "Other countries: any tax identifier, not checked.",
    )
    business_start_date = fields.Date(
        groups="base.group_user",
        prefetch=STAFF_PREFETCH,
        help="The date the company started its business.",
    )
    legal_representative_id = fields.Many2one(
        comodel_name="res.partner",
        string="Legal representative",
        domain=[("is_company", "=", False)],
        ondelete="set null",
        index="btree_not_null",
        tracking=True,
        groups="base.group_user",
        prefetch=STAFF_PREFETCH,
        help="The individual who legally represents the company.",
    )
    administrator_ids = fields.Many2many(
        comodel_name="res.partner",
        relation="res_partner_administrator_rel",
        column1="company_partner_id",
        column2="administrator_id",
        string="Administrators",
        domain=[("is_company", "=", False)],
        groups="base.group_user",
        help="The individuals who administer the company; they may also "
        "represent or administer other companies.",
    )
    # partner_contact_birthdate's birth date and age are personal too
    birthdate_date = fields.Date(groups="base.group_user", prefetch=STAFF_PREFETCH)
    age = fields.Integer(groups="base.group_user")

    # ------------------------------------------------------------ fiscal code
    @api.model
    def _normalize_fiscal_code(self, code, is_company, country):
        """``(stored_code, reason)`` for ``code`` (see ``tools.fiscal_code``),
        ``reason`` translated in the user's language, or ``None``."""
        code, reason = fiscal_code.check(code, is_company, country.code)
        return code, reason and self.env._(reason)

    @api.constrains("l10n_it_codice_fiscale", "is_company", "country_id")
    def _check_fiscal_code(self):
        for partner in self.filtered("l10n_it_codice_fiscale"):
            _code, reason = self._normalize_fiscal_code(
                partner.l10n_it_codice_fiscale, partner.is_company, partner.country_id
            )
            if reason:
                raise partner._fiscal_code_error(
                    partner.l10n_it_codice_fiscale, partner.display_name, reason
                )

    @api.model
    def _fiscal_code_error(self, code, name, reason):
        return ValidationError(
            _(
                "The fiscal code %(code)s of %(partner)s is not valid: %(reason)s",
                code=code,
                partner=name or _("this customer"),
                reason=reason,
            )
        )

    def _prepare_fiscal_code_values(self, vals):
        """``vals`` with the fiscal code it writes in its stored form, checked
        before it is written (l10n_it_edi, when installed, cuts longer codes
        and refuses shorter ones in the database)."""
        code = vals.get("l10n_it_codice_fiscale")
        if not code:
            return vals
        if "country_id" in vals:
            country = self.env["res.country"].browse(vals["country_id"])
        else:
            country = self.country_id
        if "is_company" in vals:
            is_company = vals["is_company"]
        elif "company_type" in vals:
            is_company = vals["company_type"] == "company"
        elif not self:
            is_company = self.env.context.get("default_is_company", False)
        else:
            is_company = self.is_company
        code, reason = self._normalize_fiscal_code(code, is_company, country)
        if reason:
            raise self._fiscal_code_error(
                vals["l10n_it_codice_fiscale"],
                vals.get("name") or self.display_name,
                reason,
            )
        return dict(vals, l10n_it_codice_fiscale=code)

    def _store_fiscal_codes_normalized(self):
        """Store Italian fiscal codes compact and upper-case."""
        for partner in self.filtered("l10n_it_codice_fiscale"):
            code, _reason = self._normalize_fiscal_code(
                partner.l10n_it_codice_fiscale, partner.is_company, partner.country_id
            )
            if code != partner.l10n_it_codice_fiscale:
                partner.l10n_it_codice_fiscale = code

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
        for vals in vals_list:
            # the kind chosen on the form, known to the checks below and to
            # the constraints (before Odoo's own inverse writes it)
            if "company_type" in vals and "is_company" not in vals:
                vals["is_company"] = vals["company_type"] == "company"
        vals_list = [self._prepare_fiscal_code_values(vals) for vals in vals_list]
        partners = super().create(vals_list)
        partners._store_fiscal_codes_normalized()
        if represented_id:
            company = self.browse(represented_id).exists()
            person = partners.filtered(lambda p: not p.is_company)[:1]
            if company and person:
                company.legal_representative_id = person
        return partners

    def write(self, vals):
        if vals.get("l10n_it_codice_fiscale"):
            # each customer's code in the form of its own country
            for partner in self:
                super(ResPartner, partner).write(
                    partner._prepare_fiscal_code_values(vals)
                )
            result = True
        else:
            result = super().write(vals)
        if {"l10n_it_codice_fiscale", "country_id", "is_company"} & set(vals):
            self._store_fiscal_codes_normalized()
        return result

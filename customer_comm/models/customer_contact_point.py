# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import email_normalize

PHONE_KINDS = ("mobile", "phone", "fax")


class CustomerContactPoint(models.Model):
    """One labelled way to reach a customer: a mobile, a phone, a fax, an
    e-mail address or a website. Numbers are stored in E.164, e-mails
    normalised; each e-mail has its own marketing consent. Its ``kind`` is
    the kind of address, not a channel: e-mail addresses take e-mails and
    mobiles take SMS (``tools.channel.CHANNEL_OF_KIND``)."""

    _name = "customer.contact.point"
    _description = "Customer Contact Point"
    _order = "partner_id, kind, sequence, id"
    _rec_name = "value"

    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer",
        required=True,
        index=True,
        ondelete="cascade",
    )
    sequence = fields.Integer(default=10)
    kind = fields.Selection(
        selection=[
            ("mobile", "Mobile"),
            ("phone", "Phone"),
            ("fax", "Fax"),
            ("email", "E-mail"),
            ("website", "Website"),
        ],
        required=True,
        default="mobile",
    )
    label = fields.Char(help="For example: office, personal, accounting, workshop.")
    value = fields.Char(required=True)
    marketing_consent = fields.Boolean(
        help="The customer agreed to receive campaigns at this address."
    )
    is_opted_out = fields.Boolean(
        string="Opted out",
        compute="_compute_is_opted_out",
        search="_search_is_opted_out",
        help="This address or number is in Odoo's blacklist: no campaign or "
        "offer is sent to it.",
    )
    company_id = fields.Many2one(related="partner_id.company_id", store=True)

    @api.depends("kind", "value")
    def _compute_is_opted_out(self):
        blocked = self._blacklisted_values(
            self.filtered(lambda p: p.kind == "email").mapped("value"),
            self.filtered(lambda p: p.kind in PHONE_KINDS).mapped("value"),
        )
        for point in self:
            point.is_opted_out = point.value in blocked

    @api.model
    def _blacklisted_values(self, emails, numbers):
        """Which of these normalised e-mails and E.164 numbers are in Odoo's
        mail and phone blacklists (one query per list at most)."""
        blocked = set()
        if emails:
            blocked.update(
                self.env["mail.blacklist"]
                .sudo()
                .search([("email", "in", emails)])
                .mapped("email")
            )
        if numbers:
            blocked.update(
                self.env["phone.blacklist"]
                .sudo()
                .search([("number", "in", numbers)])
                .mapped("number")
            )
        return blocked

    def _search_is_opted_out(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on the opt-out flag."))
        emails = self.env["mail.blacklist"].sudo().search([]).mapped("email")
        numbers = self.env["phone.blacklist"].sudo().search([]).mapped("number")
        domain = [
            "|",
            "&",
            ("kind", "=", "email"),
            ("value", "in", emails),
            "&",
            ("kind", "in", PHONE_KINDS),
            ("value", "in", numbers),
        ]
        if (operator == "=") != value:
            domain = ["!", *domain]
        return domain

    @api.model_create_multi
    def create(self, vals_list):
        partners = self.env["res.partner"].browse(
            [vals["partner_id"] for vals in vals_list if vals.get("partner_id")]
        )
        partners.fetch(["country_id"])
        for vals in vals_list:
            partner = self.env["res.partner"].browse(vals.get("partner_id"))
            vals.update(
                self._normalized_value(
                    vals.get("kind", "mobile"), vals.get("value"), partner
                )
            )
        return super().create(vals_list)

    def write(self, vals):
        if "value" not in vals and "kind" not in vals:
            return super().write(vals)
        for point in self:
            values = dict(vals)
            values.update(
                self._normalized_value(
                    vals.get("kind", point.kind),
                    vals.get("value", point.value),
                    self.env["res.partner"].browse(
                        vals.get("partner_id", point.partner_id.id)
                    ),
                )
            )
            super(CustomerContactPoint, point).write(values)
        return True

    @api.model
    def _normalized_value(self, kind, value, partner):
        """``{"value": ...}`` stored form of ``value``: E.164 for numbers (in
        the country of the customer's own numbers: ``_phone_country``),
        normalised e-mails."""
        if not value:
            return {}
        value = value.strip()
        if kind in PHONE_KINDS:
            country = (
                partner._phone_country() if partner else self.env.company.country_id
            )
            try:
                value = partner._phone_format(
                    number=value,
                    country=country,
                    force_format="E164",
                    raise_exception=True,
                )
            except UserError as error:
                raise ValidationError(
                    _(
                        "The number %(number)s is not valid for %(country)s: "
                        "%(reason)s",
                        number=value,
                        country=country.name or _("an unknown country"),
                        reason=error.args[0],
                    )
                ) from error
        elif kind == "email":
            normalized = email_normalize(value)
            if not normalized:
                raise ValidationError(
                    _("%(email)s is not a valid e-mail address.", email=value)
                )
            value = normalized
        return {"value": value}

    def action_opt_out(self):
        # blacklists are administrator models: sudo once the user may edit
        # the customer's contact points
        self.check_access("write")
        for point in self:
            if point.kind == "email":
                self.env["mail.blacklist"].sudo()._add(point.value)
            elif point.kind in PHONE_KINDS:
                self.env["phone.blacklist"].sudo()._add([point.value])
        self.invalidate_recordset(["is_opted_out"])
        return True

    def action_opt_in(self):
        """Lift the opt-out of these addresses and numbers, when the customer
        asks for it: Customer Communication managers only (and Email
        Marketing users for e-mail addresses, as in Odoo), for an address
        that belongs to that customer alone; the customer's chatter keeps who
        lifted it and when."""
        self._check_can_opt_in()
        for point in self.filtered("is_opted_out"):
            note = _(
                "The opt-out of %(address)s was lifted by %(user)s.",
                address=point.value,
                user=self.env.user.name,
            )
            # blacklists are administrator models: sudo once the rules above
            # are checked; Odoo's blacklist keeps the reason in its chatter
            if point.kind == "email":
                self.env["mail.blacklist"].sudo()._remove(point.value, message=note)
            else:
                self.env["phone.blacklist"].sudo()._remove([point.value], message=note)
            point.partner_id._message_log(body=Markup("<p>%s</p>") % note)
        self.invalidate_recordset(["is_opted_out"])
        return True

    def _check_can_opt_in(self):
        """Only managers lift an opt-out (Email Marketing users too for
        e-mail addresses), and never one of an address that another customer
        has too: a contact point created with someone else's address does
        not lift their opt-out."""
        user = self.env.user
        is_manager = user.has_group("customer_comm.group_customer_comm_manager")
        is_marketing = user.has_group("mass_mailing.group_mass_mailing_user")
        for point in self:
            if not (is_manager or (is_marketing and point.kind == "email")):
                raise AccessError(
                    _(
                        "Only a Customer Communication manager can lift an "
                        "opt-out (an Email Marketing user too, for an e-mail "
                        "address)."
                    )
                )
            if point.kind not in ("email", *PHONE_KINDS):
                raise UserError(_("A website cannot be opted out or back in."))
        self.check_access("write")
        for point in self:
            others = point._other_customers_with_value()
            if others:
                raise UserError(
                    _(
                        "%(address)s is also an address of %(others)s: its "
                        "opt-out cannot be lifted from %(customer)s.",
                        address=point.value,
                        others=", ".join(others.mapped("display_name")),
                        customer=point.partner_id.display_name,
                    )
                )

    def _other_customers_with_value(self):
        """The partners outside this customer (and its company) that have this
        address or number too, as their main one or as a contact point."""
        self.ensure_one()
        # sudo: every customer counts, also those of other companies
        Partner = self.env["res.partner"].sudo().with_context(active_test=False)
        family = Partner.search(
            [
                (
                    "commercial_partner_id",
                    "=",
                    self.sudo().partner_id.commercial_partner_id.id,
                )
            ]
        )
        if self.kind == "email":
            domain = [("email_normalized", "=", self.value)]
        else:
            domain = [
                "|",
                "|",
                ("phone_sanitized", "=", self.value),
                ("mobile", "=", self.value),
                ("phone", "=", self.value),
            ]
        points = self.sudo().search(
            [
                ("value", "=", self.value),
                ("kind", "in", ["email"] if self.kind == "email" else PHONE_KINDS),
                ("partner_id", "not in", family.ids),
            ]
        )
        return (
            Partner.search([*domain, ("id", "not in", family.ids)]) | points.partner_id
        )

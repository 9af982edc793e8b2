# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from collections import defaultdict

from odoo import _, api, fields, models

# the portal form, with the meeting type chosen: the "invite to book" link
BOOKING_PATH = "/my/requests/new?request_type=meeting"


class ResPartner(models.Model):
    _inherit = "res.partner"

    customer_request_ids = fields.One2many(
        comodel_name="customer.request",
        inverse_name="partner_id",
        string="Customer requests",
    )
    customer_request_count = fields.Integer(
        string="Open requests",
        compute="_compute_customer_request_count",
        compute_sudo=False,
    )

    @api.depends("customer_request_ids.closed")
    def _compute_customer_request_count(self):
        """Open requests of each partner; a company also counts the requests
        of its contacts. One grouped query for the whole recordset."""
        counts = defaultdict(int)
        commercial_counts = defaultdict(int)
        if self.ids:
            groups = self.env["customer.request"]._read_group(
                [
                    ("commercial_partner_id", "in", self.commercial_partner_id.ids),
                    ("closed", "=", False),
                ],
                groupby=["commercial_partner_id", "partner_id"],
                aggregates=["__count"],
            )
            for commercial, partner, count in groups:
                counts[partner.id] += count
                commercial_counts[commercial.id] += count
        for partner in self:
            if partner.is_company and partner == partner.commercial_partner_id:
                partner.customer_request_count = commercial_counts[partner.id]
            else:
                partner.customer_request_count = counts[partner.id]

    def _customer_request_domain(self):
        self.ensure_one()
        if self.is_company:
            return [("commercial_partner_id", "=", self.id)]
        return [("partner_id", "=", self.id)]

    def action_view_customer_requests(self):
        """The customer's open requests, on the board."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "customer_request.customer_request_action_board"
        )
        action["domain"] = [("closed", "=", False)] + self._customer_request_domain()
        action["context"] = {"default_partner_id": self.id}
        return action

    def action_new_customer_request(self):
        """One click from the customer: a new request for them."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("New request"),
            "res_model": "customer.request",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": {"default_partner_id": self.id},
        }

    def _customer_request_booking_url(self):
        """The link inviting the customer to ask for a meeting: the portal
        form with the meeting type chosen. A customer without an account
        gets a sign-up link (auth_signup) that creates it and then opens the
        form; the others log in first if needed. Only a user who may edit
        the customer (and so grant them portal access) gets a sign-up link."""
        self.ensure_one()
        if self.user_ids or not self.has_access("write"):
            return self.get_base_url() + BOOKING_PATH
        return self.with_context(signup_valid=True)._get_signup_url_for_action(
            url=BOOKING_PATH
        )[self.id]

    def action_customer_request_invite_to_book(self):
        """One click: the composer, as an e-mail inviting the customer to
        book their next appointment."""
        self.ensure_one()
        return self.env["customer.comm.composer"]._open_for(
            self,
            mail_template=self.env.ref("customer_request.mail_template_invite_to_book"),
        )

# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.osv import expression

COMM_TYPES = [("email", "E-mail"), ("sms", "SMS"), ("note", "Note")]


class CustomerCommLog(models.Model):
    """One communication with a customer, whatever screen it came from: the
    chatter message it is (e-mail, SMS or internal note), found again in
    the customer's history. The delivery state is the message's own."""

    _name = "customer.comm.log"
    _description = "Customer Communication"
    _order = "date desc, id desc"
    _rec_name = "subject"

    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer",
        required=True,
        index=True,
        ondelete="cascade",
    )
    comm_type = fields.Selection(selection=COMM_TYPES, string="Type", required=True)
    subject = fields.Char(required=True)
    body = fields.Html(related="message_id.body", string="Content")
    recipient = fields.Char(help="The e-mail address or number written to.")
    date = fields.Datetime(default=fields.Datetime.now, required=True, index=True)
    author_id = fields.Many2one(
        comodel_name="res.users", default=lambda self: self.env.user, required=True
    )
    message_id = fields.Many2one(
        comodel_name="mail.message", ondelete="set null", index="btree_not_null"
    )
    res_model = fields.Char(string="Written from", readonly=True)
    res_id = fields.Many2oneReference(model_field="res_model", readonly=True)
    origin_name = fields.Char(compute="_compute_origin_name", string="Origin")
    state = fields.Selection(
        selection=[
            ("saved", "Saved"),
            ("sent", "Sent"),
            ("error", "Error"),
        ],
        compute="_compute_state",
        search="_search_state",
    )
    company_id = fields.Many2one(
        comodel_name="res.company", default=lambda self: self.env.company, index=True
    )

    @api.depends("res_model", "res_id")
    def _compute_origin_name(self):
        for log in self:
            record = (
                self.env[log.res_model].browse(log.res_id).exists()
                if log.res_model in self.env
                else None
            )
            log.origin_name = record.display_name if record else False

    @api.depends("comm_type", "message_id.notification_ids.notification_status")
    def _compute_state(self):
        for log in self:
            statuses = set(
                log.message_id.notification_ids.mapped("notification_status")
            )
            if log.comm_type == "note":
                log.state = "saved"
            elif statuses & {"exception", "bounce"}:
                log.state = "error"
            else:
                log.state = "sent"

    def _search_state(self, operator, value):
        if operator not in ("=", "!="):
            return NotImplemented
        failed = [
            (
                "message_id.notification_ids.notification_status",
                "in",
                ("exception", "bounce"),
            )
        ]
        domains = {
            "saved": [("comm_type", "=", "note")],
            "error": [("comm_type", "!=", "note")] + failed,
            "sent": [("comm_type", "!=", "note"), "!"] + failed,
        }
        domain = domains.get(value, [("id", "=", False)])
        if operator == "=":
            return domain
        return ["!", *expression.normalize_domain(domain)]

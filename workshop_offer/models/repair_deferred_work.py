# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import logging
import threading
from datetime import timedelta

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_amount, format_date

from odoo.addons.customer_comm.tools.channel import EMAIL, SMS

from .repair_offer_line import SEVERITIES

_logger = logging.getLogger(__name__)

DEFERRED_STATES = [
    ("pending", "Pending"),
    ("proposed", "Proposed again"),
    ("done", "Done"),
    ("dropped", "Dropped"),
]
# written by the offers' answers, the reminder and the buttons only
DEFERRED_WORKFLOW_FIELDS = {"state", "reminder_sent_on", "date_deferred"}


class RepairDeferredWork(models.Model):
    """An intervention the customer put off: kept on the item with its date,
    severity and price, proposed again in the next offer for that item, and
    reminded once after the company's delay."""

    _name = "repair.deferred.work"
    _description = "Deferred Repair Work"
    _inherit = ["mail.thread"]
    _order = "date_deferred desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Intervention", required=True)
    lot_id = fields.Many2one(
        comodel_name="stock.lot",
        string="Item",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner", string="Customer", required=True, index=True
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    offer_line_id = fields.Many2one(
        comodel_name="repair.offer.line",
        string="Put off in",
        ondelete="set null",
        help="The intervention of the offer the customer put it off in.",
    )
    proposed_line_id = fields.Many2one(
        comodel_name="repair.offer.line",
        string="Proposed again in",
        ondelete="set null",
        readonly=True,
    )
    product_id = fields.Many2one(comodel_name="product.product", check_company=True)
    quantity = fields.Float(default=1.0, digits="Product Unit of Measure")
    currency_id = fields.Many2one(related="company_id.currency_id")
    price = fields.Monetary()
    severity = fields.Selection(selection=SEVERITIES)
    customer_explanation = fields.Text()
    date_deferred = fields.Date(
        string="Put off on", required=True, default=fields.Date.context_today
    )
    state = fields.Selection(
        selection=DEFERRED_STATES,
        default="pending",
        required=True,
        tracking=True,
        index=True,
    )
    reminder_sent_on = fields.Datetime(readonly=True, copy=False)

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                self._check_workflow_fields(vals)
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            self._check_workflow_fields(vals)
        return super().write(vals)

    @api.model
    def _check_workflow_fields(self, vals):
        forbidden = DEFERRED_WORKFLOW_FIELDS & set(vals)
        if forbidden:
            raise AccessError(
                _(
                    "The status and dates of deferred work follow the customer's "
                    "answers and the reminder; use the buttons (%(fields)s).",
                    fields=", ".join(sorted(forbidden)),
                )
            )

    def action_drop(self):
        """The work no longer applies (done elsewhere, item sold)."""
        self.check_access("write")
        if self.filtered(lambda work: work.state == "done"):
            raise UserError(_("Work already done cannot be dropped."))
        self.sudo().write({"state": "dropped"})
        return True

    def action_restore(self):
        self.check_access("write")
        self.filtered(lambda work: work.state == "dropped").sudo().write(
            {"state": "pending"}
        )
        return True

    # ------------------------------------------------------------ offers
    def _prepare_offer_line_values(self):
        """An optional intervention of the next offer, marked with the date
        the customer put it off."""
        self.ensure_one()
        explanation = _(
            "Put off at your visit on %(date)s.",
            date=format_date(self.env, self.date_deferred),
        )
        if self.customer_explanation:
            explanation = f"{explanation}\n{self.customer_explanation}"
        return {
            "name": self.name,
            "line_kind": "optional",
            "product_id": self.product_id.id,
            "quantity": self.quantity,
            "price": self.price,
            "severity": self.severity,
            "customer_explanation": explanation,
            "deferred_work_id": self.id,
        }

    # ---------------------------------------------------------- reminder
    def _reminder_due_domain(self, company):
        today = fields.Date.context_today(self)
        return [
            ("company_id", "=", company.id),
            ("state", "=", "pending"),
            ("reminder_sent_on", "=", False),
            (
                "date_deferred",
                "<=",
                today - timedelta(days=company.deferred_work_reminder_days),
            ),
        ]

    @api.model
    def _cron_send_reminders(self):
        """Remind each customer once of the work they put off, after the
        delay of the work's company (0: no reminder).

        Exactly once: each work is locked, marked as reminded and its e-mail
        or SMS queued in the same transaction, committed per work. A crash
        before the commit rolls back the mark and the queued message
        together (nothing left, the next run sends it); after the commit the
        message is sent by Odoo's mail / SMS queue and the mark stays, so no
        later run sends it again."""
        auto_commit = not getattr(threading.current_thread(), "testing", False)
        companies = (
            self.env["res.company"]
            .sudo()
            .search([("deferred_work_reminder_days", ">", 0)])
        )
        for company in companies:
            works = self.sudo().search(self._reminder_due_domain(company))
            for work in works:
                work.with_company(work.company_id)._send_reminder()
                if auto_commit:
                    self.env.cr.commit()  # pylint: disable=invalid-commit

    def _send_reminder(self):
        """Lock, mark, queue: returns the log of the customer's history, or
        False when the customer does not accept it (or it was sent)."""
        self.ensure_one()
        self.env.cr.execute(
            "SELECT id FROM repair_deferred_work WHERE id = %s FOR UPDATE SKIP LOCKED",
            [self.id],
        )
        if not self.env.cr.fetchone():
            return False
        self.invalidate_recordset(["reminder_sent_on", "state"])
        if self.reminder_sent_on or self.state != "pending":
            return False
        customer = self.partner_id
        channel = SMS if customer.preferred_channel == SMS else EMAIL
        address = self._reminder_address(channel)
        if not address:
            _logger.info(
                "Deferred work %s: no consenting address, no reminder.", self.id
            )
            return False
        self.sudo().write({"reminder_sent_on": fields.Datetime.now()})
        work = self.with_context(lang=customer.lang, mail_notify_force_send=False)
        body = work._reminder_body()
        subject = work._reminder_subject()
        if channel == EMAIL:
            return work._customer_comm_post(
                customer,
                EMAIL,
                Markup("<p>%s</p>") % body,
                subject=subject,
                address=address,
                author_id=self.company_id.partner_id.id,
                email_from=self.company_id.email_formatted or False,
            )
        log = work._customer_comm_post(
            customer, SMS, body, subject=subject, address=address, put_in_queue=True
        )
        self.env.ref("sms.ir_cron_sms_scheduler_action").sudo()._trigger()
        return log

    def _reminder_address(self, channel):
        """The customer's consenting address for ``channel`` that is not
        opted out: the one customer_comm's campaigns write to."""
        self.ensure_one()
        address = (
            self.env["customer.marketing.address"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", self.partner_id.id),
                    ("channel", "=", channel),
                    ("preferred", "=", True),
                ],
                limit=1,
            )
        )
        return address.address

    def _reminder_subject(self):
        """In the language of ``self``'s environment (the customer's)."""
        self.ensure_one()
        return self.env._(
            "%(company)s: work put off on %(item)s",
            company=self.company_id.name,
            item=self.lot_id.display_name,
        )

    def _reminder_body(self):
        """In the language of ``self``'s environment (the customer's)."""
        self.ensure_one()
        return self.env._(
            "On %(date)s you put off %(work)s on %(item)s (%(price)s). Contact "
            "%(company)s to plan it.",
            date=format_date(self.env, self.date_deferred),
            work=self.name,
            item=self.lot_id.display_name,
            price=format_amount(self.env, self.price, self.currency_id),
            company=self.company_id.name,
        )

# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from collections import defaultdict

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_amount, format_datetime

from odoo.addons.customer_comm.tools.channel import EMAIL, SEND_CHANNELS

from .repair_offer_line import AUTHORISATION_FOR_DECISION, SENT_STATES
from .repair_offer_line_media import portal_media_url

OPEN_STATES = ("sent", "viewed")
# read-only for everyone
LOCKED_STATES = ("closed", "done", "cancelled")
# written by the workflow only (the portal route, the sending, the buttons),
# never by a plain write of a user: a context key can be forged over RPC, so
# the workflow writes them as superuser after its own checks
WORKFLOW_FIELDS = {
    "state",
    "date_sent",
    "date_viewed",
    "date_confirmed",
    "accepted_condition_ids",
    "channel",
    "recipient_partner_id",
    "recipient_address",
    "answer_recorded_by_id",
    "answer_told_by",
    "answer_date_told",
    "sent_by_id",
    "accepted_by_name",
    "accepted_ip",
    "accepted_user_agent",
    "signature",
}
OFFER_STATES = [
    ("draft", "Draft"),
    ("sent", "Sent, not viewed"),
    ("viewed", "Viewed"),
    ("confirmed", "Confirmed by customer"),
    ("closed", "Closed for changes"),
    ("done", "Repair report can be sent"),
    ("cancelled", "Cancelled"),
]


class RepairOffer(models.Model):
    """What the workshop proposes to the customer for a repair order: the
    interventions, each decided by the customer on a tokenised portal page."""

    _name = "repair.offer"
    _description = "Repair Offer"
    _inherit = ["portal.mixin", "mail.thread"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(related="repair_id.name", string="Repair order")
    repair_id = fields.Many2one(
        comodel_name="repair.order",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    # indexed: the customer card counts their offers
    partner_id = fields.Many2one(
        related="repair_id.partner_id", store=True, string="Customer", index=True
    )
    company_id = fields.Many2one(related="repair_id.company_id", store=True)
    lot_id = fields.Many2one(
        related="repair_id.lot_id", store=True, string="Item", index="btree_not_null"
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    note = fields.Text(
        string="Note for the customer",
        help="Shown to the customer when they open the offer.",
    )
    state = fields.Selection(
        selection=OFFER_STATES,
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )
    line_ids = fields.One2many(
        comodel_name="repair.offer.line",
        inverse_name="offer_id",
        string="Interventions",
    )
    date_sent = fields.Datetime(readonly=True, copy=False)
    date_viewed = fields.Datetime(readonly=True, copy=False)
    date_confirmed = fields.Datetime(readonly=True, copy=False)
    channel = fields.Selection(
        selection=SEND_CHANNELS,
        string="Sent by",
        readonly=True,
        copy=False,
    )
    recipient_partner_id = fields.Many2one(
        comodel_name="res.partner", string="Recipient", readonly=True, copy=False
    )
    recipient_address = fields.Char(
        string="Sent to",
        readonly=True,
        copy=False,
        help="The e-mail address or mobile number the last link was sent to.",
    )
    accepted_condition_ids = fields.Many2many(
        comodel_name="repair.offer.condition",
        string="Accepted conditions",
        readonly=True,
        copy=False,
    )
    # proof of the customer's acceptance, as Odoo's quotation portal keeps it
    accepted_by_name = fields.Char(
        string="Confirmed by",
        readonly=True,
        copy=False,
        groups="stock.group_stock_user",
        help="The name the customer typed when confirming on the offer page.",
    )
    accepted_ip = fields.Char(
        string="Confirmed from IP address",
        readonly=True,
        copy=False,
        groups="stock.group_stock_user",
    )
    accepted_user_agent = fields.Char(
        string="Confirmed with browser",
        readonly=True,
        copy=False,
        groups="stock.group_stock_user",
    )
    signature = fields.Image(
        readonly=True,
        copy=False,
        attachment=True,
        max_width=1024,
        max_height=1024,
        groups="stock.group_stock_user",
        help="Drawn by the customer on the offer page, where the company asks "
        "for a signature.",
    )
    signature_required = fields.Boolean(
        related="company_id.repair_offer_signature",
        string="Signature required",
    )
    sent_by_id = fields.Many2one(
        comodel_name="res.users",
        string="Sent by user",
        readonly=True,
        copy=False,
        help="Told of the customer's answers when the repair order has no responsible.",
    )
    answer_recorded_by_id = fields.Many2one(
        comodel_name="res.users",
        string="Answer recorded by",
        readonly=True,
        copy=False,
        help="Set when the customer answered by phone or at the counter and a "
        "colleague recorded it; empty when the customer answered on the page.",
    )
    answer_told_by = fields.Char(string="Answer given by", readonly=True, copy=False)
    answer_date_told = fields.Datetime(
        string="Answer given on", readonly=True, copy=False
    )
    amount_untaxed = fields.Monetary(
        compute="_compute_amounts", string="Proposed, untaxed"
    )
    amount_proposed = fields.Monetary(
        compute="_compute_amounts", string="Proposed total"
    )
    amount_accepted = fields.Monetary(
        compute="_compute_amounts", string="Accepted total"
    )
    amount_accepted_shown = fields.Monetary(
        compute="_compute_amounts",
        string="Accepted, as prices are shown",
        help="The accepted total with or without taxes, as the company shows "
        "its prices.",
    )
    show_tax_included = fields.Boolean(compute="_compute_amounts")
    lines_to_authorise = fields.Integer(
        compute="_compute_lines_to_authorise",
        help="Answered interventions whose authorisation differs from the answer.",
    )

    @api.depends(
        "line_ids.price_subtotal",
        "line_ids.price_total",
        "line_ids.price_shown",
        "line_ids.decision",
    )
    def _compute_amounts(self):
        for offer in self:
            lines = offer.line_ids
            offer.amount_untaxed = sum(lines.mapped("price_subtotal"))
            offer.amount_proposed = sum(lines.mapped("price_total"))
            accepted = lines.filtered(lambda line: line.decision == "fix")
            offer.amount_accepted = sum(accepted.mapped("price_total"))
            offer.amount_accepted_shown = sum(accepted.mapped("price_shown"))
            offer.show_tax_included = (
                offer.company_id.account_price_include == "tax_included"
            )

    @api.depends("line_ids.decision", "line_ids.authorisation")
    def _compute_lines_to_authorise(self):
        for offer in self:
            offer.lines_to_authorise = len(offer._lines_to_authorise())

    def _compute_access_url(self):
        result = super()._compute_access_url()
        for offer in self:
            offer.access_url = f"/my/repair_offers/{offer.id}"
        return result

    def get_portal_url(
        self,
        suffix=None,
        report_type=None,
        download=None,
        query_string=None,
        anchor=None,
    ):
        """The offer's link carries the customer's language (``lang=it_IT``):
        the page opens in it whatever the visitor's browser says."""
        lang = self._customer_lang()
        if lang:
            query_string = f"&lang={lang}{query_string or ''}"
        return super().get_portal_url(
            suffix=suffix,
            report_type=report_type,
            download=download,
            query_string=query_string,
            anchor=anchor,
        )

    def _customer_lang(self):
        """The language the customer reads the offer, its e-mails and SMS in."""
        self.ensure_one()
        return self.partner_id.sudo().lang

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                self._check_workflow_fields(vals)
        offers = super().create(vals_list)
        offers.company_id._check_repair_offer_enabled()
        offers._propose_deferred_work()
        return offers

    def write(self, vals):
        if not self.env.su:
            self._check_workflow_fields(vals)
        if {"note", "repair_id", "line_ids"} & set(vals):
            self._check_not_closed()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_sent(self):
        sent = self.filtered(lambda offer: offer.state != "draft")
        if sent:
            raise UserError(
                _(
                    "The offer for %(repair)s has been sent to the customer: it is "
                    "kept as sent (cancel it if it no longer applies).",
                    repair=sent[0].repair_id.name,
                )
            )

    @api.model
    def _check_workflow_fields(self, vals):
        forbidden = WORKFLOW_FIELDS & set(vals)
        if forbidden:
            raise AccessError(
                _(
                    "The status of an offer, its dates and the conditions the "
                    "customer accepted are set by the customer's answer and the "
                    "offer's buttons, not edited directly (%(fields)s).",
                    fields=", ".join(sorted(forbidden)),
                )
            )

    def action_open_send_wizard(self):
        """The "Send offer" screen: recipient, note, review of the lines."""
        self.ensure_one()
        wizard = self.env["repair.offer.send"].create({"offer_id": self.id})
        return wizard._reopen()

    def action_send(self):
        """Make the link available and log it (the wizard delivers it)."""
        self.check_access("write")
        self._check_sendable()
        for offer in self:
            offer._portal_ensure_token()
            values = {"date_sent": fields.Datetime.now(), "sent_by_id": self.env.uid}
            if offer.state == "draft":
                values["state"] = "sent"
            offer.sudo().write(values)
        return True

    def action_resend(self):
        """Send the link again to the last recipient, by the same channel."""
        for offer in self:
            if not offer.recipient_address:
                raise UserError(
                    _("This offer has not been sent yet: use 'Send offer'.")
                )
            offer._send_link(
                offer.channel, offer.recipient_partner_id, offer.recipient_address
            )
        return True

    def action_preview(self):
        """Open, read-only, exactly what the customer sees now."""
        self.ensure_one()
        self._portal_ensure_token()
        return {
            "type": "ir.actions.act_url",
            "target": "new",
            "url": self.get_portal_url(query_string="&preview=1"),
        }

    def action_add_line(self):
        """Add an intervention to an offer the customer already has: through
        the confirmation flow, which sends them an updated link."""
        self.ensure_one()
        self._check_not_closed()
        return {
            "type": "ir.actions.act_window",
            "name": _("Add an intervention"),
            "res_model": "repair.offer.change",
            "view_mode": "form",
            "target": "new",
            "context": {"default_offer_id": self.id},
        }

    def action_record_answer(self):
        """The customer answered by phone or at the counter."""
        self.ensure_one()
        if self.state not in OPEN_STATES:
            raise UserError(_("This offer can no longer be answered."))
        return {
            "type": "ir.actions.act_window",
            "name": _("Record the customer's answer"),
            "res_model": "repair.offer.answer",
            "view_mode": "form",
            "target": "new",
            "context": {"default_offer_id": self.id},
        }

    def action_cancel(self):
        self.check_access("write")
        done = self.filtered(lambda offer: offer.state == "done")
        if done:
            raise UserError(_("A repaired offer cannot be cancelled."))
        self.sudo().write({"state": "cancelled"})
        self.line_ids._release_deferred_work()
        return True

    def action_authorise_answers(self):
        """Authorise (thumbs up) what the customer wants fixed, refuse (thumbs
        down) what they do not, in one click; "contact me" stays to decide."""
        for offer in self:
            lines = offer._lines_to_authorise()
            for decision, authorisation in AUTHORISATION_FOR_DECISION.items():
                lines.filtered(
                    lambda line, d=decision: line.decision == d
                )._set_authorisation(authorisation)
            if lines:
                offer.repair_id.message_post(
                    body=_(
                        "%(count)s intervention(s) authorised as the customer "
                        "answered.",
                        count=len(lines),
                    )
                )
        return True

    def action_close_changes(self):
        """The customer's answers are settled: no more changes to the offer."""
        for offer in self:
            if offer.state != "confirmed":
                raise UserError(
                    _("Only an offer confirmed by the customer can be closed.")
                )
        self.check_access("write")
        self.sudo().write({"state": "closed"})
        return True

    def action_reopen(self):
        """A manager opens a closed offer to changes again (logged)."""
        if not self.env.user.has_group("stock.group_stock_manager"):
            raise AccessError(_("Only an inventory manager can reopen a closed offer."))
        for offer in self.filtered(lambda offer: offer.state == "closed"):
            offer.sudo().write({"state": "confirmed"})
            offer.repair_id.message_post(
                body=_(
                    "Offer reopened for changes by %(user)s.",
                    user=self.env.user.name,
                )
            )
        return True

    def _propose_deferred_work(self):
        """The work put off on the offer's item (that item only) comes back
        as optional interventions."""
        Work = self.env["repair.deferred.work"].sudo()
        for offer in self.filtered("lot_id"):
            works = Work.search(
                [
                    ("lot_id", "=", offer.lot_id.id),
                    ("company_id", "=", offer.company_id.id),
                    ("state", "=", "pending"),
                ],
                order="date_deferred, id",
            )
            lines = self.env["repair.offer.line"].create(
                [
                    {"offer_id": offer.id, **work._prepare_offer_line_values()}
                    for work in works
                ]
            )
            for work, line in zip(works, lines, strict=True):
                work.write({"state": "proposed", "proposed_line_id": line.id})

    def _lines_to_authorise(self):
        return self.line_ids.filtered(
            lambda line: (
                line.decision in AUTHORISATION_FOR_DECISION
                and line.authorisation != AUTHORISATION_FOR_DECISION[line.decision]
            )
        )

    def _lines_by_severity(self):
        """The interventions as the page and the PDF list them: urgent ones
        first, then those to plan soon, the others, and the checked, fine
        items last (each group in the offer's order)."""
        self.ensure_one()
        rank = {"urgent": 0, "soon": 1, False: 2, "fine": 3}
        return self.line_ids.sorted(lambda line: rank[line.severity])

    def _portal_sections(self):
        """The interventions of the offer page, by section: ``urgent``,
        ``soon``, then ``initial`` and ``optional`` (no severity), and
        ``fine`` (asks no decision). The sections share the prefetch of all
        the lines, so their photos are read in one query for the page."""
        self.ensure_one()
        lines = self.line_ids
        prefetch = lines._prefetch_ids

        def section(predicate):
            return lines.filtered(predicate).with_prefetch(prefetch)

        return {
            "urgent": section(lambda line: line.severity == "urgent"),
            "soon": section(lambda line: line.severity == "soon"),
            "initial": section(
                lambda line: not line.severity and line.line_kind == "initial"
            ),
            "optional": section(
                lambda line: not line.severity and line.line_kind == "optional"
            ),
            "fine": section(lambda line: line.severity == "fine"),
        }

    def _portal_media(self):
        """``{line id: [photo or video, ...]}`` for the offer page, each a
        dict of its thumbnail and full-size URLs through the offer's token;
        read in one query for all the lines."""
        self.ensure_one()
        media_by_line = defaultdict(list)
        media = self.line_ids.media_ids
        for values in media.read(
            ["line_id", "media_type", "video_mimetype", "write_date"], load=None
        ):
            is_video = values["media_type"] == "video"

            def url(size, values=values):
                return portal_media_url(
                    self.access_url,
                    values["id"],
                    values["write_date"],
                    size,
                    self.access_token,
                )

            media_by_line[values["line_id"]].append(
                {
                    "is_video": is_video,
                    "mimetype": values["video_mimetype"],
                    "thumbnail": not is_video and url("256"),
                    "full": url("video" if is_video else "1920"),
                }
            )
        return media_by_line

    def _severity_labels(self):
        """``{severity: label}`` in the language of the page."""
        field = self.env["repair.offer.line"]._fields["severity"]
        return dict(field._description_selection(self.env))

    def _decision_labels(self):
        """``{decision: label}`` in the language of the page."""
        field = self.env["repair.offer.line"]._fields["decision"]
        return dict(field._description_selection(self.env))

    def _state_label(self):
        self.ensure_one()
        return dict(self._fields["state"]._description_selection(self.env))[self.state]

    def _check_not_closed(self):
        for offer in self:
            if offer.state in LOCKED_STATES:
                raise UserError(
                    _(
                        "The offer for %(repair)s is %(state)s: its interventions "
                        "cannot change any more.",
                        repair=offer.repair_id.name,
                        state=offer._state_label(),
                    )
                )

    def _check_sendable(self):
        for offer in self:
            offer.company_id._check_repair_offer_enabled()
            if offer.state in ("cancelled", "done"):
                raise UserError(
                    _(
                        "The offer for %(repair)s is %(state)s: it cannot be sent.",
                        repair=offer.repair_id.name,
                        state=offer._state_label(),
                    )
                )
            if not offer.line_ids:
                raise UserError(
                    _("Add at least one intervention before sending the offer.")
                )

    def _send_link(
        self, channel, partner, address, mail_template=None, sms_template=None
    ):
        """Deliver the portal link to ``address`` (an e-mail or an E.164
        mobile of ``partner``) by ``channel``: posted on the offer, kept in
        the customer's history, logged on the repair order."""
        self.ensure_one()
        self.action_send()
        if channel == EMAIL:
            template = mail_template or self.env.ref(
                "workshop_offer.mail_template_repair_offer"
            )
            values = template._generate_template(self.ids, ["subject", "body_html"])[
                self.id
            ]
            self._customer_comm_post(
                self.partner_id,
                channel,
                values["body_html"],
                subject=values.get("subject") or self.display_name,
                recipient=partner,
                address=address,
                author_id=self.env.user.partner_id.id,
                email_from=self.company_id.email_formatted
                or self.env.user.email_formatted,
                email_layout_xmlid="mail.mail_notification_light",
            )
        else:
            template = sms_template or self.env.ref(
                "workshop_offer.sms_template_repair_offer"
            )
            self._customer_comm_post(
                self.partner_id,
                channel,
                template._render_field("body", self.ids, compute_lang=True)[self.id],
                subject=template.name,
                recipient=partner,
                address=address,
                # queued, sent by Odoo's SMS queue once this transaction is
                # committed: a failure after this point sends nothing
                put_in_queue=True,
            )
            self.env.ref("sms.ir_cron_sms_scheduler_action").sudo()._trigger()
        self.sudo().write(
            {
                "channel": channel,
                "recipient_partner_id": partner.id,
                "recipient_address": address,
            }
        )
        self.repair_id.message_post(
            body=Markup("%s<br/>%s")
            % (
                _(
                    "Offer sent by %(channel)s to %(recipient)s (%(address)s).",
                    channel=dict(
                        self._fields["channel"]._description_selection(self.env)
                    )[channel],
                    recipient=partner.display_name,
                    address=address,
                ),
                self.get_base_url() + self.get_portal_url(),
            )
        )

    def _mark_viewed(self):
        """First opening of the link by the customer (not a preview)."""
        to_mark = self.filtered(lambda offer: offer.state == "sent")
        to_mark.sudo().write({"state": "viewed", "date_viewed": fields.Datetime.now()})
        for offer in to_mark:
            offer.repair_id.message_post(body=_("The customer opened the offer."))

    def _mark_repaired(self):
        """The repair is finished: the repair report can be sent."""
        self.filtered(
            lambda offer: offer.state in ("confirmed", "closed")
        ).sudo().write({"state": "done"})

    def _apply_changes(self, updates=None, removed=None, added=None):
        """The confirmation flow of a change the customer will see: apply
        ``updates`` (``{line: values}``), remove the ``removed`` lines and
        add the ``added`` ones (a list of line values) of a sent offer; the
        answers of the changed and added lines are empty, the change is
        logged old -> new, a viewed or confirmed offer goes back to "sent"
        and the updated link goes to the last recipient.

        Called by the confirmation wizard of the user who may edit the offer;
        the lines are written as superuser, the only way past the lines'
        refusal of a direct change once the offer is sent."""
        self.ensure_one()
        self.check_access("write")
        self._check_not_closed()
        updates = updates or {}
        removed = removed or self.env["repair.offer.line"]
        if (removed | self.env["repair.offer.line"].concat(*updates)).offer_id - self:
            raise UserError(_("These interventions are not part of this offer."))
        summary = []
        changed = self.env["repair.offer.line"]
        for line, values in updates.items():
            differences = line._describe_changes(values)
            if differences:
                summary.append(
                    self.env._(
                        "%(line)s: %(changes)s",
                        line=line.name,
                        changes="; ".join(differences),
                    )
                )
                changed |= line
        for line in removed:
            summary.append(self.env._("%(line)s: removed", line=line.name))
        if not summary and not added:
            return False
        for line in changed:
            line.sudo().write(dict(updates[line], decision=False, authorisation=False))
        removed.sudo().unlink()
        new_lines = (
            self.env["repair.offer.line"]
            .sudo()
            .create(
                [
                    dict(values, offer_id=self.id, decision=False, authorisation=False)
                    for values in added or ()
                ]
            )
        )
        for line in new_lines:
            summary.append(
                self.env._(
                    "%(line)s: added, %(price)s",
                    line=line.name,
                    price=self._format_amount(line.price_shown),
                )
            )
        if self.state in ("viewed", "confirmed"):
            self.sudo().write(
                {
                    "state": "sent",
                    "date_confirmed": False,
                    "accepted_condition_ids": [fields.Command.clear()],
                    "answer_recorded_by_id": False,
                    "answer_told_by": False,
                    "answer_date_told": False,
                    "accepted_by_name": False,
                    "accepted_ip": False,
                    "accepted_user_agent": False,
                    "signature": False,
                }
            )
        self.repair_id.message_post(
            body=Markup("%s<ul>%s</ul>")
            % (
                _("Offer changed, the customer's answers reset:"),
                Markup("").join(Markup("<li>%s</li>") % item for item in summary),
            )
        )
        if self.recipient_address and self.state in SENT_STATES:
            self.action_resend()
        return True

    def _confirm_decisions(
        self,
        decisions,
        conditions=None,
        recorded_by=None,
        told_by=None,
        date_told=None,
        proof=None,
    ):
        """Record the customer's answers ``{line: decision}`` and the accepted
        ``conditions``, and confirm, once. Called as superuser by the portal
        route and by the wizard of a colleague who took the answer by phone
        (``recorded_by``, ``told_by``, ``date_told``). ``proof``: the
        ``accepted_by_name``, ``accepted_ip`` and ``accepted_user_agent`` of
        a confirmation on the page, and its ``signature`` where the company
        asks for one.

        Returns False when the offer was already confirmed (nothing changes)."""
        self.ensure_one()
        # lock the offer row: of two simultaneous confirmations, one waits and
        # then sees the offer confirmed
        self.env.cr.execute(
            "SELECT id FROM repair_offer WHERE id = %s FOR UPDATE", [self.id]
        )
        self.invalidate_recordset(["state"])
        if self.state in ("confirmed", "closed", "done"):
            return False
        if self.state not in OPEN_STATES:
            raise UserError(_("This offer can no longer be answered."))
        # "checked, fine" items ask no decision: an answer for one is ignored
        to_decide = self.line_ids._to_decide()
        decisions = {
            line: decision for line, decision in decisions.items() if line in to_decide
        }
        if set(decisions) != set(to_decide):
            raise UserError(_("Please decide every intervention before confirming."))
        self._check_decisions_offered(decisions)
        if proof is not None and self.signature_required and not proof.get("signature"):
            raise UserError(_("Please sign to confirm your answers."))
        conditions = conditions or self.env["repair.offer.condition"]
        missing = self._required_conditions() - conditions
        if missing:
            raise UserError(
                _(
                    "Please accept the conditions: %(conditions)s",
                    conditions=", ".join(missing.mapped("name")),
                )
            )
        for line, decision in decisions.items():
            line.with_env(self.env).decision = decision
        self.write(
            {
                "state": "confirmed",
                "date_confirmed": fields.Datetime.now(),
                "accepted_condition_ids": [fields.Command.set(conditions.ids)],
                "answer_recorded_by_id": recorded_by.id if recorded_by else False,
                "answer_told_by": told_by or False,
                "answer_date_told": date_told or False,
                "accepted_by_name": False,
                "accepted_ip": False,
                "accepted_user_agent": False,
                "signature": False,
                **(proof or {}),
            }
        )
        self.line_ids._apply_answer_to_repair()
        self.line_ids._update_deferred_work()
        if recorded_by:
            body = _(
                "%(user)s recorded the answer %(person)s gave by phone on %(date)s: "
                "%(accepted)s of %(proposed)s accepted.",
                user=recorded_by.name,
                person=told_by,
                date=format_datetime(self.env, date_told),
                accepted=self._format_amount(self.amount_accepted),
                proposed=self._format_amount(self.amount_proposed),
            )
        else:
            body = _(
                "The customer confirmed the offer: %(accepted)s of %(proposed)s "
                "accepted.",
                accepted=self._format_amount(self.amount_accepted),
                proposed=self._format_amount(self.amount_proposed),
            )
        later = self.line_ids.filtered(lambda line: line.decision == "later")
        if later:
            body = _(
                "%(summary)s Put off for later, kept on the item: %(lines)s.",
                summary=body,
                lines=", ".join(later.mapped("name")),
            )
        report = self._acceptance_report()
        self.repair_id.message_post(body=body, attachment_ids=report.ids)
        if not recorded_by:
            self._schedule_advisor_activities()
        self._send_acceptance_report(report)
        return True

    def _get_report_base_filename(self):
        self.ensure_one()
        return _("Accepted offer %(repair)s", repair=self.repair_id.name)

    def _acceptance_report(self):
        """The PDF of the offer as accepted (answers, totals, conditions with
        their text, who confirmed, when, from where), kept on the repair."""
        self.ensure_one()
        report = self.env.ref("workshop_offer.action_report_repair_offer_accepted")
        content, _type = (
            self.env["ir.actions.report"].sudo()._render_qweb_pdf(report, self.ids)
        )
        return (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": f"{self._get_report_base_filename()}.pdf",
                    "raw": content,
                    "mimetype": "application/pdf",
                    "res_model": "repair.order",
                    "res_id": self.repair_id.id,
                }
            )
        )

    def _send_acceptance_report(self, report):
        """The customer receives what they accepted, the way the offer went,
        in their language: the PDF by e-mail, or by SMS a link that downloads
        it through the offer's token."""
        self.ensure_one()
        if not self.recipient_address:
            return
        offer = self.with_context(lang=self._customer_lang() or self.env.lang)
        partner = offer.recipient_partner_id or offer.partner_id
        subject = offer.env._(
            "Your accepted offer %(repair)s", repair=offer.repair_id.name
        )
        if offer.channel == EMAIL:
            offer._customer_comm_post(
                offer.partner_id,
                EMAIL,
                Markup("<p>%s</p>")
                % offer.env._(
                    "Thank you: here is the offer for %(repair)s as you accepted it.",
                    repair=offer.repair_id.name,
                ),
                subject=subject,
                recipient=partner,
                address=offer.recipient_address,
                author_id=offer.company_id.partner_id.id,
                email_from=offer.company_id.email_formatted or False,
                attachment_ids=report.copy(
                    {"res_model": offer._name, "res_id": offer.id}
                ).ids,
            )
        else:
            url = offer.get_base_url() + offer.get_portal_url(
                report_type="pdf", download=True
            )
            offer._customer_comm_post(
                offer.partner_id,
                offer.channel,
                offer.env._(
                    "%(company)s: your accepted offer %(repair)s: %(url)s",
                    company=offer.company_id.name,
                    repair=offer.repair_id.name,
                    url=url,
                ),
                subject=subject,
                recipient=partner,
                address=offer.recipient_address,
                put_in_queue=True,
            )
            self.env.ref("sms.ir_cron_sms_scheduler_action").sudo()._trigger()

    def _schedule_advisor_activities(self):
        """The advisor is told: a to-do for the confirmation, and one per
        "contact me" intervention with the customer's number in the note."""
        self.ensure_one()
        advisor = self.repair_id.user_id or self.sent_by_id or self.create_uid
        repair = self.repair_id.sudo()
        repair.activity_schedule(
            "mail.mail_activity_data_todo",
            user_id=advisor.id,
            summary=_("Offer confirmed by the customer"),
            note=_(
                "%(accepted)s of %(proposed)s accepted.",
                accepted=self._format_amount(self.amount_accepted),
                proposed=self._format_amount(self.amount_proposed),
            ),
        )
        partner = self.recipient_partner_id or self.partner_id
        number = (
            self.recipient_address
            if self.channel != EMAIL and self.recipient_address
            else partner.mobile or partner.phone or _("no number on file")
        )
        for line in self.line_ids.filtered(lambda line: line.decision == "contact"):
            repair.activity_schedule(
                "mail.mail_activity_data_call",
                user_id=advisor.id,
                summary=_("Call the customer about %(line)s", line=line.name),
                note=_(
                    "%(customer)s asked to be contacted about %(line)s: %(number)s",
                    customer=partner.display_name,
                    line=line.name,
                    number=number,
                ),
            )

    @api.model
    def _check_decisions_offered(self, decisions):
        """Each answer is one the intervention offers: no "later" for urgent
        work, whoever records it (the page, a colleague on the phone)."""
        for line, decision in decisions.items():
            if decision not in line._decisions_offered():
                raise UserError(
                    _(
                        "%(line)s: this answer is not possible for this intervention.",
                        line=line.name,
                    )
                )

    def _conditions(self):
        """The conditions shown to the customer of this offer's company."""
        self.ensure_one()
        return (
            self.env["repair.offer.condition"]
            .sudo()
            .search(
                self.env["repair.offer.condition"]._check_company_domain(
                    self.company_id
                )
            )
        )

    def _required_conditions(self):
        return self._conditions().filtered("required")

    def _format_amount(self, amount):
        """``amount`` in the offer's currency, as the chatter shows it."""
        return format_amount(self.env, amount, self.currency_id)

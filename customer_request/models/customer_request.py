# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import datetime, time, timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import html2plaintext
from odoo.tools.mail import email_split_and_format

# Same scale as helpdesk_mgmt's tickets, so that both boards read alike.
PRIORITIES = [
    ("0", "Low"),
    ("1", "Medium"),
    ("2", "High"),
    ("3", "Very High"),
]


class CustomerRequest(models.Model):
    """A first contact from a customer, before it becomes a ticket, a
    quotation or a meeting. Its stages are the helpdesk ticket stages."""

    _name = "customer.request"
    _description = "Customer Request"
    _inherit = [
        "portal.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "customer.comm.mixin",
    ]
    _order = "priority desc, date_received desc, id desc"
    _check_company_auto = True
    _rec_names_search = ["name", "title", "partner_id"]

    name = fields.Char(
        string="Reference",
        required=True,
        readonly=True,
        copy=False,
        default="/",
        index="trigram",
    )
    title = fields.Char(
        string="Subject",
        tracking=True,
        help="A short summary: the subject of the e-mail or of the portal form.",
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
    )
    commercial_partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer company",
        related="partner_id.commercial_partner_id",
        store=True,
        index=True,
    )
    request_type = fields.Selection(
        selection=[
            ("commercial", "Commercial"),
            ("support", "Support / assistance"),
            ("reminder", "Reminder / solicitation"),
            ("meeting", "Meeting request"),
            ("other", "Other"),
        ],
        string="Type",
        required=True,
        default="commercial",
        tracking=True,
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Responsible",
        index=True,
        tracking=True,
        domain="[('share', '=', False), ('company_ids', 'in', company_id)]",
    )
    stage_id = fields.Many2one(
        comodel_name="helpdesk.ticket.stage",
        index=True,
        tracking=True,
        copy=False,
        ondelete="restrict",
        check_company=True,
        group_expand="_read_group_stage_ids",
        default=lambda self: self._default_stage_id(),
        domain="[('team_ids', '=', False), "
        "'|', ('company_id', '=', False), ('company_id', '=', company_id)]",
    )
    description = fields.Html()
    # how the request reached us, as helpdesk_mgmt's ticket channel: not the
    # e-mail / SMS channel customer_comm writes to the customer by
    channel = fields.Selection(
        selection=[
            ("phone", "Phone"),
            ("email", "E-mail"),
            ("walk_in", "Walk-in"),
            ("web", "Website / portal"),
            ("other", "Other"),
        ],
        default="phone",
        required=True,
    )
    priority = fields.Selection(selection=PRIORITIES, default="1", index=True)
    date_received = fields.Datetime(
        string="Received on", required=True, default=fields.Datetime.now
    )
    date_closed = fields.Datetime(string="Closed on", readonly=True, copy=False)
    closed = fields.Boolean(readonly=True, copy=False, tracking=True, index=True)
    is_closable = fields.Boolean(
        compute="_compute_is_closable",
        help="The request reached a closing stage: it may now be closed.",
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    color = fields.Integer()
    active = fields.Boolean(default=True)
    ticket_ids = fields.One2many(
        comodel_name="helpdesk.ticket",
        inverse_name="customer_request_id",
        string="Tickets",
    )
    sale_order_ids = fields.One2many(
        comodel_name="sale.order",
        inverse_name="customer_request_id",
        string="Quotations",
    )
    event_ids = fields.One2many(
        comodel_name="calendar.event",
        inverse_name="customer_request_id",
        string="Meetings",
    )
    ticket_count = fields.Integer(compute="_compute_document_counts")
    sale_order_count = fields.Integer(compute="_compute_document_counts")
    event_count = fields.Integer(compute="_compute_document_counts")

    _sql_constraints = [
        (
            "name_company_unique",
            "unique(name, company_id)",
            "A request reference must be unique per company.",
        ),
    ]

    def _default_stage_id(self):
        return self.env["helpdesk.ticket.stage"].search(
            [
                ("team_ids", "=", False),
                ("closed", "=", False),
                "|",
                ("company_id", "=", False),
                ("company_id", "=", self.env.company.id),
            ],
            limit=1,
        )

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        """Every helpdesk stage shared by all teams, as helpdesk_mgmt shows them
        on its own board, plus any stage a request is in."""
        return stages.search(["|", ("id", "in", stages.ids), ("team_ids", "=", False)])

    @api.depends("name", "title")
    def _compute_display_name(self):
        for request in self:
            request.display_name = (
                f"{request.name} - {request.title}" if request.title else request.name
            )

    def _compute_access_url(self):
        for request in self:
            request.access_url = f"/my/requests/{request.id}"

    @api.depends("stage_id.closed", "stage_id.fold", "closed")
    def _compute_is_closable(self):
        for request in self:
            request.is_closable = not request.closed and (
                request.stage_id.closed or request.stage_id.fold
            )

    @api.depends("ticket_ids", "sale_order_ids", "event_ids")
    def _compute_document_counts(self):
        for request in self:
            request.ticket_count = len(request.ticket_ids)
            request.sale_order_count = len(request.sale_order_ids)
            request.event_count = len(request.event_ids)

    @api.constrains("stage_id")
    def _check_stage_shared(self):
        """Stages reserved to some helpdesk teams are not request stages."""
        for request in self:
            if request.stage_id.team_ids:
                raise ValidationError(
                    _(
                        "The stage %(stage)s is reserved to some helpdesk teams: "
                        "choose a stage shared by all teams for request %(name)s.",
                        stage=request.stage_id.name,
                        name=request.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                company = self.env["res.company"].browse(
                    vals.get("company_id") or self.env.company.id
                )
                vals["name"] = (
                    self.env["ir.sequence"]
                    .with_company(company)
                    .next_by_code("customer.request")
                    or "/"
                )
        requests = super().create(vals_list)
        default_stage = self._default_stage_id()
        for request in requests:
            if request.stage_id != default_stage and not request.user_id:
                raise UserError(request._no_responsible_message())
        return requests

    def write(self, vals):
        if "stage_id" in vals:
            self._check_can_change_stage(vals)
        if "closed" in vals and not vals["closed"]:
            self.filtered("closed")._check_can_reopen()
        return super().write(vals)

    # ------------------------------------------------------------------
    # Intake by e-mail: the alias "requests@" creates a request per new thread
    # ------------------------------------------------------------------
    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """A new e-mail on the requests alias is a new request of the sender,
        matched by address or created."""
        values = dict(custom_values or {})
        partner = self.env["res.partner"].browse(msg_dict.get("author_id"))
        if not partner:
            emails = email_split_and_format(msg_dict.get("email_from") or "")
            partners = self.env["mail.thread"]._mail_find_partner_from_emails(
                emails, force_create=True
            )
            partner = partners[0] if partners else partner
        # the reference comes from the sequence, not from the subject
        values.setdefault("name", "/")
        values.setdefault("partner_id", partner.id)
        values.setdefault("title", msg_dict.get("subject") or _("No subject"))
        values.setdefault("description", msg_dict.get("body"))
        values.setdefault("channel", "email")
        request = super().message_new(msg_dict, custom_values=values)
        # the customer follows their request: answers reach them by e-mail
        request.message_subscribe(partner_ids=request.partner_id.ids)
        return request

    def action_close(self):
        for request in self:
            if request.closed:
                raise UserError(
                    _("Request %(name)s is already closed.", name=request.name)
                )
        self.write({"closed": True, "date_closed": fields.Datetime.now()})
        return True

    def action_reopen(self):
        self._check_can_reopen()
        for request in self:
            if not request.closed:
                raise UserError(_("Request %(name)s is not closed.", name=request.name))
        self.write({"closed": False, "date_closed": False})
        return True

    def action_generate_ticket(self):
        return self._action_after_generation(self._generate_document("ticket"))

    def action_generate_quotation(self):
        return self._action_after_generation(self._generate_document("quotation"))

    def action_generate_meeting(self):
        return self._action_after_generation(self._generate_document("meeting"))

    def action_view_tickets(self):
        return self._action_view_documents("ticket_ids")

    def action_view_quotations(self):
        return self._action_view_documents("sale_order_ids")

    def action_view_meetings(self):
        return self._action_view_documents("event_ids")

    def _check_can_reopen(self):
        if self and not self.env.user.has_group(
            "customer_request.group_customer_request_manager"
        ):
            raise UserError(_("Only a requests manager can reopen a closed request."))

    def _check_can_change_stage(self, vals):
        """No responsible, no management: a request only moves once someone
        is in charge of it, and a closed request does not move at all."""
        new_user = vals.get("user_id")
        for request in self:
            if request.stage_id.id == vals["stage_id"]:
                continue
            if request.closed:
                raise UserError(
                    _(
                        "Request %(name)s is closed: reopen it before moving it.",
                        name=request.name,
                    )
                )
            if not (new_user if "user_id" in vals else request.user_id):
                raise UserError(request._no_responsible_message())

    def _no_responsible_message(self):
        return _(
            "Request %(name)s has no responsible: choose who is in charge of it "
            "before moving it to another stage.",
            name=self.name,
        )

    # ------------------------------------------------------------------
    # Document generation: a ticket, a quotation or a meeting, linked both
    # ways. Generating a second document of the same kind must be confirmed
    # (context key ``customer_request_confirm_again``).
    # ------------------------------------------------------------------
    def _document_kinds(self):
        return {
            "ticket": ("ticket_ids", _("ticket"), self._prepare_ticket_values),
            "quotation": (
                "sale_order_ids",
                _("quotation"),
                self._prepare_quotation_values,
            ),
            "meeting": ("event_ids", _("meeting"), self._prepare_meeting_values),
        }

    def _prepare_ticket_values(self):
        type_label = dict(self._fields["request_type"]._description_selection(self.env))
        return {
            "name": f"{self.name}: {type_label[self.request_type]}",
            "description": self.description or _("Request %(name)s", name=self.name),
            "partner_id": self.partner_id.id,
            "partner_name": self.partner_id.name,
            "partner_email": self.partner_id.email,
            "user_id": self.user_id.id,
            "priority": self.priority,
            "company_id": self.company_id.id,
            "customer_request_id": self.id,
        }

    def _prepare_quotation_values(self):
        return {
            "partner_id": self.partner_id.id,
            "user_id": self.user_id.id,
            "origin": self.name,
            "company_id": self.company_id.id,
            "note": self.description,
            "customer_request_id": self.id,
        }

    def _prepare_meeting_values(self):
        # the next working day at 9:00, one hour: the responsible moves it
        start = datetime.combine(fields.Date.today() + timedelta(days=1), time(9))
        while start.weekday() >= 5:
            start += timedelta(days=1)
        return {
            "name": _(
                "%(request)s with %(customer)s",
                request=self.name,
                customer=self.partner_id.name,
            ),
            "start": start,
            "stop": start + timedelta(hours=1),
            "user_id": self.user_id.id,
            "partner_ids": [
                fields.Command.set((self.partner_id | self.user_id.partner_id).ids)
            ],
            "description": html2plaintext(self.description or ""),
            "customer_request_id": self.id,
        }

    def _generate_document(self, kind):
        """Create the document of ``kind`` from the request, link and log it."""
        self.ensure_one()
        field_name, label, prepare = self._document_kinds()[kind]
        if self.closed:
            raise UserError(
                _("Request %(name)s is closed: reopen it first.", name=self.name)
            )
        if not self.user_id:
            raise UserError(self._no_responsible_message())
        if self[field_name] and not self.env.context.get(
            "customer_request_confirm_again"
        ):
            raise UserError(
                _(
                    "A %(kind)s was already generated from request %(name)s: "
                    "confirm to generate another one.",
                    kind=label,
                    name=self.name,
                )
            )
        model = self._fields[field_name].comodel_name
        document = self.env[model].create(prepare())
        self.message_post(
            body=_(
                "Generated the %(kind)s %(document)s.",
                kind=label,
                document=document._get_html_link(),
            )
        )
        document.message_post(
            body=_(
                "Generated from the customer request %(request)s.",
                request=self._get_html_link(),
            )
        )
        return document

    def _action_after_generation(self, document):
        """Ask whether to close the request, then open the document."""
        return {
            "type": "ir.actions.act_window",
            "name": _("Close the request?"),
            "res_model": "customer.request.close.wizard",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_request_id": self.id,
                "default_document_model": document._name,
                "default_document_id": document.id,
                # from the board, the user stays on the board afterwards
                "customer_request_from_board": self.env.context.get(
                    "customer_request_from_board", False
                ),
            },
        }

    def _action_view_documents(self, field_name):
        documents = self[field_name]
        action = {
            "type": "ir.actions.act_window",
            "res_model": documents._name,
            "name": self._fields[field_name].string,
            "domain": [("id", "in", documents.ids)],
            "view_mode": "list,form",
        }
        if len(documents) == 1:
            action.update(view_mode="form", res_id=documents.id)
        return action

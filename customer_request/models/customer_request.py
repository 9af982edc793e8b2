# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import html2plaintext
from odoo.tools.mail import email_normalize

from odoo.addons.customer_comm.tools.channel import EMAIL

# ``closed`` has one writer, the close and reopen actions: they pass this
# object in the context, which no RPC call can send. A stage flagged
# "closed" only means that the request may be closed there.
CLOSING = object()

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
    _rec_names_search = ["name", "title", "partner_id", "email_from"]
    # Odoo's loop detection counts the requests of one address with it
    _primary_email = "email_from"

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
        index=True,
        tracking=True,
        check_company=True,
        help="Required before the request moves on, generates a document or "
        "is closed; a request received by e-mail from an unknown address "
        "may wait for it with the sender's address only.",
    )
    email_from = fields.Char(
        string="Sender's e-mail",
        tracking=True,
        help="The address the request was e-mailed from.",
    )
    submit_ip = fields.Char(
        string="Sent from IP address",
        readonly=True,
        copy=False,
        groups="customer_request.group_customer_request_manager",
        help="The address the public request form was posted from: it limits "
        "how many requests one connection sends per hour.",
    )
    sender_unverified = fields.Boolean(
        string="Unverified sender",
        readonly=True,
        copy=False,
        tracking=True,
        help="The e-mail came from the address of an existing customer, but "
        "our mail server could not authenticate it (anyone can write any "
        "From address). The customer is not subscribed nor answered until a "
        "user confirms the sender.",
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

    @api.constrains("partner_id", "email_from")
    def _check_customer_or_email(self):
        for request in self:
            if not request.partner_id and not request.email_from:
                raise ValidationError(
                    _(
                        "Request %(name)s needs a customer or at least the "
                        "sender's e-mail address.",
                        name=request.name,
                    )
                )

    def _check_has_customer(self):
        """A request without customer (an e-mail from an unknown address)
        is kept, but nothing is done with it before the customer is known."""
        for request in self:
            if not request.partner_id:
                raise UserError(request._no_customer_message())

    def _no_customer_message(self):
        return _(
            "Request %(name)s has no customer yet: create the customer from the "
            "e-mail or choose one first.",
            name=self.name,
        )

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
        if any(vals.get("closed") for vals in vals_list):
            self._check_closing()
        requests = super().create(vals_list)
        # the constraint runs on create only when one of its fields is given
        requests._check_customer_or_email()
        default_stage = self._default_stage_id()
        for request in requests:
            if request.stage_id != default_stage and not request.user_id:
                raise UserError(request._no_responsible_message())
        return requests

    def write(self, vals):
        if "stage_id" in vals:
            self._check_can_change_stage(vals)
        if "closed" in vals:
            if not vals["closed"]:
                self.filtered("closed")._check_can_reopen()
            self._check_closing()
        return super().write(vals)

    def _check_closing(self):
        if self.env.context.get("customer_request_closing") is not CLOSING:
            raise UserError(
                _("Close or reopen a request with its Close and Reopen buttons.")
            )

    # ------------------------------------------------------------------
    # Intake by e-mail: the alias "requests@" creates a request per new thread
    # ------------------------------------------------------------------
    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """A new e-mail on the requests alias (automatic e-mails never get
        here, see ``mail.thread.message_route``) is a new request:

        - from a known address: linked to that customer, who follows it only
          when our mail server authenticated the sender; otherwise it is
          flagged "unverified sender" (a From is easily forged);
        - from an unknown address: a prospect card when the company allows
          it, else the request keeps the address and waits for a customer.

        Nobody else (To, Cc) is subscribed."""
        values = dict(custom_values or {})
        company = (
            self.env["res.company"].browse(values.get("company_id")) or self.env.company
        )
        email_from = msg_dict.get("email_from") or ""
        partner = self.env["res.partner"].browse(msg_dict.get("author_id"))
        authenticated = self.env.context.get("customer_request_sender_authenticated")
        unverified = bool(partner) and not authenticated
        if not partner and company.customer_request_create_prospect:
            partner = self.env["res.partner"]._customer_request_create_prospect(
                email_from, company_id=company.id
            )
            msg_dict["author_id"] = partner.id
        # the reference comes from the sequence, not from the subject
        values.setdefault("name", "/")
        values.setdefault("partner_id", partner.id)
        values.setdefault("email_from", email_from)
        values.setdefault("sender_unverified", unverified)
        values.setdefault("title", msg_dict.get("subject") or _("No subject"))
        values.setdefault("description", msg_dict.get("body"))
        values.setdefault("channel", "email")
        request = super().message_new(msg_dict, custom_values=values)
        if request.partner_id and not unverified:
            # the customer follows their request: answers reach them by e-mail
            request.message_subscribe(partner_ids=request.partner_id.ids)
            if company.customer_request_acknowledge:
                request._send_acknowledgement()
        return request

    def message_post(self, **kwargs):
        """An e-mail of an unverified sender does not make its From address
        a follower (Odoo subscribes the author of an incoming e-mail)."""
        if self.env.context.get("from_alias") and any(self.mapped("sender_unverified")):
            self = self.with_context(mail_create_nosubscribe=True)
        return super().message_post(**kwargs)

    def _send_acknowledgement(self):
        """The acknowledgement e-mail to the customer, through customer_comm's
        outbound path (it lands in the customer's history)."""
        template = self.env.ref(
            "customer_request.mail_template_request_acknowledgement"
        )
        for request in self:
            customer = request.partner_id
            rendered = template._render_field(
                "body_html", request.ids, compute_lang=True
            )[request.id]
            subject = template._render_field("subject", request.ids, compute_lang=True)[
                request.id
            ]
            request._customer_comm_post(customer, EMAIL, rendered, subject=subject)

    # ------------------------------------------------------------------
    # The public request form (controllers/public_form.py)
    # ------------------------------------------------------------------
    @api.model
    def _public_rate_limited(self, ip_address):
        """Whether ``ip_address`` already sent the most requests the public
        form accepts in an hour (``customer_request.public_form_hourly_limit``,
        5 by default). Counted on the stored requests, so every worker sees
        the same count."""
        limit = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("customer_request.public_form_hourly_limit", 5)
        )
        since = fields.Datetime.subtract(fields.Datetime.now(), hours=1)
        sent = (
            self.sudo()
            .with_context(active_test=False)
            .search_count(
                [("submit_ip", "=", ip_address), ("create_date", ">=", since)]
            )
        )
        return sent >= limit

    @api.model
    def _create_from_public_form(self, values, properties, ip_address):
        """The request of a visitor of the public form. A known e-mail links
        it to that customer, flagged "unverified sender" like a forged e-mail
        (anyone may type any address): the customer is not subscribed, their
        card is not changed. An unknown visitor gets a prospect card holding
        what they typed, and follows their request."""
        Partner = self.env["res.partner"]
        customer = values["email"] and Partner.search(
            [("email_normalized", "=", values["email"])], limit=1
        )
        known = bool(customer)
        if not known:
            customer = Partner._customer_request_create_prospect(
                values["email"] or "",
                name=values["name"],
                mobile=values["mobile"],
                company_id=self.env.company.id,
            )
            customer._customer_properties_save_online(properties)
        request = self.create(
            {
                "partner_id": customer.id,
                "email_from": values["email"],
                "sender_unverified": known,
                "title": values["title"] or values["name"],
                "request_type": values["request_type"],
                "description": values["description"],
                "channel": "web",
                "submit_ip": ip_address,
                "company_id": self.env.company.id,
            }
        )
        request.message_post(
            body=_(
                "Sent through the public request form by %(name)s "
                "(e-mail: %(email)s, mobile: %(mobile)s).",
                name=values["name"],
                email=values["email"] or "-",
                mobile=values["mobile"] or "-",
            ),
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        if not known:
            request.message_subscribe(partner_ids=customer.ids)
        return request

    def action_confirm_sender(self):
        """The user checked with the customer that they wrote the e-mail:
        the customer now follows the request."""
        for request in self:
            request.sender_unverified = False
            request.message_subscribe(partner_ids=request.partner_id.ids)
        return True

    def action_create_customer_from_email(self):
        """The customer of a request received from an unknown address: the
        customer having that address by now, else a new prospect card."""
        for request in self.filtered(lambda r: not r.partner_id and r.email_from):
            partner = self.env["res.partner"].search(
                [("email_normalized", "=", email_normalize(request.email_from))],
                limit=1,
            ) or self.env["res.partner"]._customer_request_create_prospect(
                request.email_from, company_id=request.company_id.id
            )
            request.partner_id = partner
            request.message_subscribe(partner_ids=partner.ids)
        return True

    def action_close(self):
        self._check_has_customer()
        for request in self:
            if request.closed:
                raise UserError(
                    _("Request %(name)s is already closed.", name=request.name)
                )
        self.with_context(customer_request_closing=CLOSING).write(
            {"closed": True, "date_closed": fields.Datetime.now()}
        )
        return True

    def action_reopen(self):
        self._check_can_reopen()
        for request in self:
            if not request.closed:
                raise UserError(_("Request %(name)s is not closed.", name=request.name))
        self.with_context(customer_request_closing=CLOSING).write(
            {"closed": False, "date_closed": False}
        )
        return True

    def action_generate_ticket(self):
        return self._action_after_generation(self._generate_document("ticket"))

    def action_generate_quotation(self):
        return self._action_after_generation(self._generate_document("quotation"))

    def action_generate_meeting(self):
        """Odoo's calendar, for the responsible to pick the slot: a new event
        there has the customer, the responsible and the request prefilled.
        Nothing is created, and nobody invited, before a time is saved; the
        event then links itself to the request (see ``calendar.event``)."""
        self.ensure_one()
        self._check_can_generate("meeting")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "calendar.action_calendar_event"
        )
        action.pop("path", None)
        action["name"] = _("Schedule a meeting for %(name)s", name=self.name)
        action["context"] = {
            f"default_{field}": value
            for field, value in self._prepare_meeting_values().items()
        }
        return action

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
            if not (vals["partner_id"] if "partner_id" in vals else request.partner_id):
                raise UserError(request._no_customer_message())
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
        """The defaults of the meeting the responsible places in the
        calendar (no time: they choose it)."""
        return {
            "name": _(
                "%(request)s with %(customer)s",
                request=self.name,
                customer=self.partner_id.name,
            ),
            "user_id": self.user_id.id,
            "partner_ids": (self.partner_id | self.user_id.partner_id).ids,
            "description": html2plaintext(self.description or ""),
            "customer_request_id": self.id,
        }

    def _generate_document(self, kind):
        """Create the document of ``kind`` from the request, link and log it."""
        self.ensure_one()
        field_name, __, prepare = self._document_kinds()[kind]
        self._check_can_generate(kind)
        model = self._fields[field_name].comodel_name
        document = self.env[model].create(prepare())
        self._log_generated_document(document, kind)
        return document

    def _log_generated_document(self, document, kind):
        """Both ways in the chatters: the request names the document, the
        document its request."""
        self.ensure_one()
        label = self._document_kinds()[kind][1]
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

    def _check_can_generate(self, kind):
        self.ensure_one()
        field_name, label, __ = self._document_kinds()[kind]
        if self.closed:
            raise UserError(
                _("Request %(name)s is closed: reopen it first.", name=self.name)
            )
        if not self.user_id:
            raise UserError(self._no_responsible_message())
        self._check_has_customer()
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

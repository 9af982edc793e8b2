# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models
from odoo.exceptions import UserError

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
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "priority desc, date_received desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Reference",
        required=True,
        readonly=True,
        copy=False,
        default="/",
        index="trigram",
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
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
        group_expand="_read_group_stage_ids",
        default=lambda self: self._default_stage_id(),
        domain="['|', ('company_id', '=', False), ('company_id', '=', company_id)]",
    )
    description = fields.Html()
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

    @api.depends("stage_id.closed", "closed")
    def _compute_is_closable(self):
        for request in self:
            request.is_closable = request.stage_id.closed and not request.closed

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

    def _no_responsible_message(self):
        return _(
            "Request %(name)s has no responsible: choose who is in charge of it "
            "before moving it to another stage.",
            name=self.name,
        )

    def write(self, vals):
        if "stage_id" in vals:
            self._check_can_change_stage(vals)
        return super().write(vals)

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

    def action_close(self):
        for request in self:
            if request.closed:
                raise UserError(
                    _("Request %(name)s is already closed.", name=request.name)
                )
        self.write({"closed": True, "date_closed": fields.Datetime.now()})
        return True

    def action_reopen(self):
        if not self.env.user.has_group(
            "customer_request.group_customer_request_manager"
        ):
            raise UserError(_("Only a requests manager can reopen a closed request."))
        for request in self:
            if not request.closed:
                raise UserError(_("Request %(name)s is not closed.", name=request.name))
        self.write({"closed": False, "date_closed": False})
        return True

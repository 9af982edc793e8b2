# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class MailTemplate(models.Model):
    """Note templates are mail templates too (translatable, placeholders,
    same menu), marked for notes: the composer lists each kind separately."""

    _inherit = "mail.template"

    customer_comm_use = fields.Selection(
        selection=[("email", "E-mail"), ("note", "Internal note")],
        string="Used for",
        default="email",
        help="Internal note templates fill notes that are never sent.",
    )

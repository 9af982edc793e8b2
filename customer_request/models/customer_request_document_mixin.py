# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class CustomerRequestDocumentMixin(models.AbstractModel):
    """The link back from a document generated from a customer request
    (helpdesk ticket, quotation, meeting) to that request."""

    _name = "customer.request.document.mixin"
    _description = "Document generated from a customer request"

    customer_request_id = fields.Many2one(
        comodel_name="customer.request",
        string="Customer request",
        index="btree_not_null",
        readonly=True,
        copy=False,
        ondelete="set null",
    )

# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class CustomerRequestCloseWizard(models.TransientModel):
    """Asked after a document was generated from a request: close the request
    now (recommended when the follow-up continues on the document)?"""

    _name = "customer.request.close.wizard"
    _description = "Close a customer request after generating a document"

    request_id = fields.Many2one(
        comodel_name="customer.request", required=True, ondelete="cascade"
    )
    document_model = fields.Char(required=True)
    document_id = fields.Integer(required=True)

    def _open_document(self):
        if self.env.context.get("customer_request_from_board"):
            return {"type": "ir.actions.act_window_close"}
        return {
            "type": "ir.actions.act_window",
            "res_model": self.document_model,
            "res_id": self.document_id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }

    def action_close_request(self):
        self.request_id.action_close()
        return self._open_document()

    def action_keep_open(self):
        return self._open_document()

# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import TransactionCase, new_test_user


class CustomerRequestCommon(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = new_test_user(
            cls.env,
            login="request_user",
            groups="customer_request.group_customer_request_user",
        )
        cls.manager = new_test_user(
            cls.env,
            login="request_manager",
            groups="customer_request.group_customer_request_manager",
        )
        cls.customer = cls.env["res.partner"].create({"name": "Giulia Bianchi"})
        cls.stage_new = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_new")
        cls.stage_progress = cls.env.ref(
            "helpdesk_mgmt.helpdesk_ticket_stage_in_progress"
        )
        cls.stage_done = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        cls.Request = cls.env["customer.request"].with_user(cls.user)

    def _new_request(self, **values):
        return self.Request.create(
            dict({"partner_id": self.customer.id, "request_type": "support"}, **values)
        )

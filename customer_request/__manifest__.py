# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Customer Requests",
    "summary": "Customer requests on a Kanban of the helpdesk stages",
    "version": "18.0.1.0.0",
    "category": "Helpdesk",
    "license": "AGPL-3",
    "author": "Customer Communication Suite",
    "depends": ["customer_comm", "helpdesk_mgmt", "sale_management", "calendar"],
    "data": [
        "security/security.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "views/customer_request_views.xml",
        "views/customer_request_close_wizard_views.xml",
    ],
    "demo": ["demo/customer_request_demo.xml"],
    "assets": {
        "web.assets_tests": [
            "customer_request/static/tests/tours/*.esm.js",
        ],
    },
    "installable": True,
    "application": True,
}

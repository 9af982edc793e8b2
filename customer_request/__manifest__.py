# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Customer Requests",
    "summary": "Customer requests on a Kanban of the helpdesk stages",
    "version": "18.0.1.0.0",
    "category": "Helpdesk",
    "license": "AGPL-3",
    "author": "Customer Communication Suite",
    "depends": [
        "customer_comm",
        "helpdesk_mgmt",
        "portal",
        "sale_management",
        "calendar",
    ],
    "data": [
        "security/security.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "data/mail_alias_data.xml",
        "data/mail_template_data.xml",
        "views/customer_request_views.xml",
        "views/customer_request_close_wizard_views.xml",
        "views/res_partner_views.xml",
        "views/helpdesk_ticket_views.xml",
        "views/sale_order_views.xml",
        "views/calendar_event_views.xml",
        "views/res_config_settings_views.xml",
        "views/customer_request_portal_templates.xml",
        "views/customer_request_public_templates.xml",
    ],
    "demo": ["demo/customer_request_demo.xml"],
    "assets": {
        "web.assets_backend": [
            "customer_request/static/src/views/*",
        ],
        "web.assets_tests": [
            "customer_request/static/tests/tours/*.esm.js",
        ],
    },
    "installable": True,
    "application": True,
}

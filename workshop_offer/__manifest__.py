# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Workshop Offers",
    "summary": "Repair offers the customer decides line by line on a portal page",
    "version": "18.0.1.2.0",
    "category": "Inventory/Repair",
    "license": "AGPL-3",
    "author": "Customer Communication Suite",
    "depends": ["customer_comm", "repair", "portal", "sms"],
    "data": [
        "security/ir.model.access.csv",
        "security/security.xml",
        "data/repair_offer_templates.xml",
        "data/repair_deferred_work_cron.xml",
        "views/repair_offer_line_media_views.xml",
        "views/repair_offer_views.xml",
        "views/repair_offer_send_views.xml",
        "views/repair_offer_condition_views.xml",
        "views/repair_offer_portal_templates.xml",
        "views/repair_offer_approval_templates.xml",
        "views/res_partner_views.xml",
        "views/stock_lot_views.xml",
        "views/repair_offer_approval_views.xml",
        "views/repair_deferred_work_views.xml",
        "views/repair_offer_analysis_views.xml",
        "report/repair_offer_report.xml",
    ],
    "demo": [
        "demo/workshop_product_demo.xml",
        "demo/repair_offer_demo.xml",
        "demo/workshop_item_demo.xml",
        "demo/repair_offer_media_demo.xml",
        "demo/repair_offer_approval_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "workshop_offer/static/src/components/**/*",
        ],
        "web.assets_frontend": [
            "workshop_offer/static/src/js/repair_offer_portal.esm.js",
            "workshop_offer/static/src/js/repair_offer_signature.esm.js",
            "workshop_offer/static/src/js/repair_offer_media.esm.js",
        ],
        "web.assets_tests": [
            "workshop_offer/static/tests/tours/*.esm.js",
        ],
    },
    "installable": True,
    "application": False,
}

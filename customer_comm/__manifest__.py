# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Customer Communication",
    "summary": "Richer customer record: contact points, consent, opt-outs, interests",
    "version": "18.0.1.1.0",
    "category": "Customer Relationship Management",
    "license": "AGPL-3",
    "author": "Customer Communication Suite",
    "depends": [
        "base_import",
        "contacts",
        "mail",
        "sms",
        "phone_validation",
        "portal",
        "mass_mailing_sms",
        "base_location",
        "partner_firstname",
        "partner_contact_birthdate",
        "partner_interest_group",
        "privacy_consent",
    ],
    "external_dependencies": {"python": ["phonenumbers", "python-stdnum", "requests"]},
    "data": [
        "security/security.xml",
        "security/ir.model.access.csv",
        "data/ir_cron.xml",
        "data/customer_comm_templates.xml",
        "views/customer_contact_point_views.xml",
        "report/privacy_consent_report.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "views/customer_comm_log_views.xml",
        "views/ir_attachment_views.xml",
        "views/customer_comm_composer_views.xml",
        "views/customer_comm_campaign_views.xml",
        "views/portal_templates.xml",
    ],
    "demo": [
        "demo/res_city_demo.xml",
        "demo/customer_comm_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "customer_comm/static/src/**/*",
        ],
        "web.assets_tests": [
            "customer_comm/static/tests/tours/*.esm.js",
        ],
    },
    "installable": True,
    "application": True,
}

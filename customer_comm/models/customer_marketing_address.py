# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models, tools
from odoo.tools import SQL

from ..tools.channel import EMAIL, SEND_CHANNELS, SMS


class CustomerMarketingAddress(models.Model):
    """Every address and number at which a customer agreed to receive
    campaigns: their main e-mail or main mobile when they consent on it, and
    their contact points with consent (a database view, always current).

    The campaigns' mailings target this model, so that Odoo's mass mailing
    writes to the consenting address itself (it is the e-mail or number of
    each trace), once per customer and channel: to the ``preferred``
    address, the first one not opted out in this order: the main e-mail or
    mobile, then the contact points in their order on the customer form."""

    _name = "customer.marketing.address"
    _description = "Customer address for campaigns"
    _inherit = ["mail.thread"]
    _auto = False
    _order = "partner_id, channel, rank"
    _rec_name = "address"
    _mailing_enabled = True
    # what the view reads: written values are flushed before it is searched
    _depends = {
        "res.partner": [
            "company_id",
            "email_normalized",
            "email_marketing_consent",
            "mobile",
            "mobile_marketing_consent",
        ],
        "customer.contact.point": [
            "partner_id",
            "kind",
            "value",
            "sequence",
            "marketing_consent",
        ],
        "mail.blacklist": ["email", "active"],
        "phone.blacklist": ["number", "active"],
    }

    partner_id = fields.Many2one(
        comodel_name="res.partner", string="Customer", readonly=True
    )
    channel = fields.Selection(selection=SEND_CHANNELS, readonly=True)
    address = fields.Char(readonly=True, help="The e-mail address or number.")
    email = fields.Char(readonly=True)
    number = fields.Char(readonly=True, help="The mobile number, in E.164.")
    contact_point_id = fields.Many2one(
        comodel_name="customer.contact.point",
        readonly=True,
        help="Empty for the customer's main e-mail or mobile.",
    )
    rank = fields.Integer(
        readonly=True,
        help="The order in which the customer's addresses are chosen: the "
        "main one, then the contact points; opted-out ones last.",
    )
    is_opted_out = fields.Boolean(string="Opted out", readonly=True)
    preferred = fields.Boolean(
        readonly=True,
        help="The address campaigns go to: the customer's first one that "
        "is not opted out.",
    )
    company_id = fields.Many2one(comodel_name="res.company", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        # ids: 4 per partner or contact point, so that each row keeps its id
        # (the mailing traces point at it)
        query = SQL(
            """
            CREATE OR REPLACE VIEW %(table)s AS (
                WITH address AS (
                    SELECT partner.id * 4 + 1 AS id,
                           partner.id AS partner_id,
                           %(email)s AS channel,
                           partner.email_normalized AS address,
                           NULL::integer AS contact_point_id,
                           0 AS sequence
                      FROM res_partner partner
                     WHERE partner.email_marketing_consent
                       AND partner.email_normalized IS NOT NULL
                    UNION ALL
                    SELECT partner.id * 4 + 2,
                           partner.id,
                           %(sms)s,
                           partner.mobile,
                           NULL::integer,
                           0
                      FROM res_partner partner
                     WHERE partner.mobile_marketing_consent
                       AND partner.mobile IS NOT NULL
                       AND partner.mobile != ''
                    UNION ALL
                    SELECT point.id * 4 + 3,
                           point.partner_id,
                           CASE WHEN point.kind = 'email'
                                THEN %(email)s ELSE %(sms)s END,
                           point.value,
                           point.id,
                           point.sequence + 1
                      FROM customer_contact_point point
                     WHERE point.marketing_consent
                       AND point.kind IN ('email', 'mobile')
                ),
                checked AS (
                    SELECT address.*,
                           (mail_bl.id IS NOT NULL OR phone_bl.id IS NOT NULL)
                               AS is_opted_out
                      FROM address
                      LEFT JOIN mail_blacklist mail_bl
                             ON address.channel = %(email)s
                            AND mail_bl.email = address.address
                            AND mail_bl.active
                      LEFT JOIN phone_blacklist phone_bl
                             ON address.channel = %(sms)s
                            AND phone_bl.number = address.address
                            AND phone_bl.active
                ),
                ranked AS (
                    SELECT checked.*,
                           row_number() OVER (
                               PARTITION BY checked.partner_id, checked.channel
                               ORDER BY checked.is_opted_out, checked.sequence,
                                        checked.contact_point_id NULLS FIRST
                           ) AS rank
                      FROM checked
                )
                SELECT ranked.id,
                       ranked.partner_id,
                       ranked.channel,
                       ranked.address,
                       CASE WHEN ranked.channel = %(email)s
                            THEN ranked.address END AS email,
                       CASE WHEN ranked.channel = %(sms)s
                            THEN ranked.address END AS number,
                       ranked.contact_point_id,
                       ranked.rank::integer AS rank,
                       ranked.is_opted_out,
                       ranked.rank = 1 AND NOT ranked.is_opted_out AS preferred,
                       partner.company_id
                  FROM ranked
                  JOIN res_partner partner ON partner.id = ranked.partner_id
            )
            """,
            table=SQL.identifier(self._table),
            email=EMAIL,
            sms=SMS,
        )
        self.env.cr.execute(query)

    # ------------------------------------------------------------------
    # Odoo's mass mailing: the address of the row, not the customer's main one
    # ------------------------------------------------------------------
    def _message_get_default_recipients(self):
        return {
            address.id: {
                "partner_ids": [],
                "email_to": address.email or False,
                "email_cc": False,
            }
            for address in self
        }

    def _phone_get_number_fields(self):
        return ["number"]

    def _mail_get_partner_fields(self, introspect_fields=False):
        # the customer is not a recipient to fall back on: the row's own
        # number is the only one written to
        return []

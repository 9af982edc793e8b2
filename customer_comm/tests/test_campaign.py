# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, new_test_user, tagged

from odoo.addons.mail.tests.common import MockEmail


@tagged("post_install", "-at_install")
class TestCampaign(TransactionCase, MockEmail):
    """A campaign goes to each chosen customer once, at an address or number
    where they accept campaigns (their main one first, then their contact
    points), never to one without consent; the others are counted by
    reason. Sent by Odoo's mass mailing: the traces say where it went."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = new_test_user(
            cls.env,
            login="campaign_user",
            groups="customer_comm.group_customer_comm_user,"
            "mass_mailing.group_mass_mailing_user",
        )
        Interest = cls.env["res.partner.interest.group"]
        cls.bikes = Interest.create({"name": "Campaign bikes"})
        cls.tyres = Interest.create({"name": "Campaign tyres"})
        cls.emilia = cls.env["res.country.state"].search(
            [("country_id.code", "=", "IT")], limit=1
        )
        cls.italy = cls.env.ref("base.it")

        def customer(name, interests=None, points=(), **values):
            return cls.env["res.partner"].create(
                {
                    "name": name,
                    "country_id": cls.italy.id,
                    "interest_group_ids": [(6, 0, (interests or cls.bikes).ids)],
                    "contact_point_ids": [(0, 0, point) for point in points],
                    **values,
                }
            )

        def point(kind, value, consent):
            return {"kind": kind, "value": value, "marketing_consent": consent}

        # e-mail: the main address consents, the contact point does not
        cls.main_email = customer(
            "Mainmail",
            email="main@example.it",
            email_marketing_consent=True,
            points=[point("email", "main.office@example.it", False)],
        )
        # e-mail: the contact point consents, the main address does not
        cls.point_email = customer(
            "Pointmail",
            email="point@example.it",
            points=[point("email", "point.home@example.it", True)],
        )
        # SMS: the main mobile consents, the contact point does not
        cls.main_mobile = customer(
            "Mainmobile",
            mobile="347 100 0001",
            mobile_marketing_consent=True,
            points=[point("mobile", "347 100 0002", False)],
        )
        # SMS: the contact point consents, the main mobile does not
        cls.point_mobile = customer(
            "Pointmobile",
            mobile="347 200 0001",
            points=[point("mobile", "347 200 0002", True)],
        )
        # both consent: the main one first; the first one opted out: the next
        cls.both = customer(
            "Both",
            cls.bikes | cls.tyres,
            email="both@example.it",
            email_marketing_consent=True,
            points=[point("email", "both.office@example.it", True)],
            state_id=cls.emilia.id,
        )
        cls.first_out = customer(
            "Firstout",
            email="firstout@example.it",
            email_marketing_consent=True,
            points=[
                point("email", "firstout.b@example.it", True),
                point("email", "firstout.c@example.it", True),
            ],
            city="Modena",
        )
        cls.env["mail.blacklist"]._add("firstout@example.it")
        # left out: no consent, every consenting address opted out, no address
        cls.no_consent = customer(
            "Noconsent",
            email="noconsent@example.it",
            mobile="347 300 0001",
            points=[point("email", "noconsent.b@example.it", False)],
        )
        cls.opted_out = customer(
            "Optedout",
            email="optedout@example.it",
            email_marketing_consent=True,
            mobile="347 400 0001",
            mobile_marketing_consent=True,
        )
        cls.env["mail.blacklist"]._add("optedout@example.it")
        cls.env["phone.blacklist"].sudo().add("+393474000001")
        cls.no_address = customer("Noaddress")
        cls.company = customer(
            "Companyx",
            cls.tyres,
            is_company=True,
            email="companyx@example.it",
            email_marketing_consent=True,
        )

    def _campaign(self, **values):
        return (
            self.env["customer.comm.campaign"]
            .with_user(self.user)
            .create(dict({"name": "Winter offer"}, **values))
        )

    def _addresses(self, campaign):
        """``{customer: address}`` the campaign's mailing goes to."""
        rows = self.env["customer.marketing.address"].search(campaign._mailing_domain())
        return {row.partner_id: row.address for row in rows}

    def _send(self, campaign):
        action = campaign.action_create_mailing()
        mailing = (
            self.env["mailing.mailing"].with_user(self.user).browse(action["res_id"])
        )
        if mailing.mailing_type == "mail":
            mailing.body_html = "<p>Winter offer</p>"
            mailing.action_send_mail()
        else:
            mailing.body_plaintext = "Winter offer"
            mailing.action_send_sms()
        return mailing

    def test_email_to_the_consenting_address(self):
        campaign = self._campaign(interest_ids=[(6, 0, self.bikes.ids)])
        expected = {
            self.main_email: "main@example.it",
            self.point_email: "point.home@example.it",
            self.both: "both@example.it",
            self.first_out: "firstout.b@example.it",
        }
        self.assertEqual(self._addresses(campaign), expected)
        self.assertEqual(campaign.recipient_count, 4)
        # left out: Noconsent and Pointmobile/Mainmobile (no e-mail consent),
        # Optedout, Noaddress
        self.assertEqual(
            (
                campaign.no_consent_count,
                campaign.opted_out_count,
                campaign.no_address_count,
            ),
            (1, 1, 3),
        )
        with self.mock_mail_gateway():
            mailing = self._send(campaign)
        traces = mailing.mailing_trace_ids
        self.assertEqual(sorted(traces.mapped("email")), sorted(expected.values()))
        self.assertEqual(set(traces.mapped("trace_status")), {"sent"})
        self.assertEqual(
            sorted(self._new_mails.mapped("email_to")), sorted(expected.values())
        )
        self.assertFalse(self._new_mails.recipient_ids)
        self.assertEqual(
            sorted(email for mail in self._mails for email in mail["email_to"]),
            sorted(expected.values()),
        )

    def test_sms_to_the_consenting_number(self):
        campaign = self._campaign(channel="sms", interest_ids=[(6, 0, self.bikes.ids)])
        expected = {
            self.main_mobile: "+393471000001",
            self.point_mobile: "+393472000002",
        }
        self.assertEqual(self._addresses(campaign), expected)
        self.assertEqual(
            (
                campaign.recipient_count,
                campaign.no_consent_count,
                campaign.opted_out_count,
                campaign.no_address_count,
            ),
            # no mobile: Mainmail, Pointmail, Both, Firstout, Noaddress
            (2, 1, 1, 5),
        )
        mailing = self._send(campaign)
        traces = mailing.mailing_trace_ids
        self.assertEqual(sorted(traces.mapped("sms_number")), sorted(expected.values()))
        sms = self.env["sms.sms"].sudo().search([("mailing_id", "=", mailing.id)])
        self.assertEqual(sorted(sms.mapped("number")), sorted(expected.values()))
        self.assertEqual(set(sms.mapped("state")), {"outgoing"})

    def test_consent_given_or_withdrawn_changes_the_recipients(self):
        campaign = self._campaign(interest_ids=[(6, 0, self.bikes.ids)])
        self.main_email.email_marketing_consent = False
        self.no_consent.contact_point_ids.marketing_consent = True
        self.assertEqual(
            self._addresses(campaign).get(self.no_consent), "noconsent.b@example.it"
        )
        self.assertNotIn(self.main_email, self._addresses(campaign))
        # a new main address is not consenting until the customer says so
        self.both.email = "both.new@example.it"
        self.assertFalse(self.both.email_marketing_consent)
        self.assertEqual(self._addresses(campaign)[self.both], "both.office@example.it")

    def test_consent_dates(self):
        self.assertTrue(self.main_email.email_marketing_consent_date)
        self.assertFalse(self.point_email.email_marketing_consent_date)
        self.main_email.email_marketing_consent = False
        self.assertFalse(self.main_email.email_marketing_consent_date)
        # the same number written another way keeps the consent
        self.main_mobile.mobile = "+39 347 100 0001"
        self.assertTrue(self.main_mobile.mobile_marketing_consent)

    def test_kind_region_city(self):
        interests = (self.bikes | self.tyres).ids
        companies = self._campaign(
            interest_ids=[(6, 0, interests)], partner_kind="company"
        )
        self.assertEqual(list(self._addresses(companies)), [self.company])
        region = self._campaign(
            interest_ids=[(6, 0, interests)], state_ids=[(6, 0, self.emilia.ids)]
        )
        self.assertEqual(list(self._addresses(region)), [self.both])
        city = self._campaign(interest_ids=[(6, 0, interests)], city=" modena ")
        self.assertEqual(list(self._addresses(city)), [self.first_out])
        every = self._campaign(interest_ids=[(6, 0, interests)], interest_match="all")
        self.assertEqual(list(self._addresses(every)), [self.both])

    def test_started_from_interests_or_a_selection(self):
        from_interest = (
            self.env["customer.comm.campaign"]
            .with_context(
                active_model="res.partner.interest.group", active_ids=self.tyres.ids
            )
            .create({"name": "Tyres"})
        )
        self.assertEqual(from_interest.interest_ids, self.tyres)
        from_list = (
            self.env["customer.comm.campaign"]
            .with_context(active_model="res.partner", active_ids=self.point_email.ids)
            .create({"name": "Just one"})
        )
        self.assertEqual(
            self._addresses(from_list), {self.point_email: "point.home@example.it"}
        )

    def test_nobody_to_write_to(self):
        campaign = self._campaign(city="Nowhere")
        with self.assertRaisesRegex(UserError, "No customer matches"):
            campaign.action_create_mailing()

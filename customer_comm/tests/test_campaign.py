# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestCampaign(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = new_test_user(
            cls.env,
            login="campaign_user",
            groups="base.group_user,customer_comm.group_customer_comm_user,"
            "mass_mailing.group_mass_mailing_user",
        )
        Interest = cls.env["res.partner.interest.group"]
        cls.bikes = Interest.create({"name": "Campaign bikes"})
        cls.tyres = Interest.create({"name": "Campaign tyres"})
        cls.emilia = cls.env["res.country.state"].search(
            [("country_id.code", "=", "IT")], limit=1
        )

        def customer(name, interests, email_consent=True, mobile_consent=True, **extra):
            partner = cls.env["res.partner"].create(
                dict(
                    {
                        "name": name,
                        "email": f"{name.lower()}@example.com",
                        "mobile": f"+39 347 000 {1000 + sum(map(ord, name))}",
                        "interest_group_ids": [(6, 0, interests.ids)],
                    },
                    **extra,
                )
            )
            cls.env["customer.contact.point"].create(
                [
                    {
                        "partner_id": partner.id,
                        "kind": "email",
                        "value": partner.email,
                        "marketing_consent": email_consent,
                    },
                    {
                        "partner_id": partner.id,
                        "kind": "mobile",
                        "value": partner.mobile,
                        "marketing_consent": mobile_consent,
                    },
                ]
            )
            return partner

        cls.both = customer("Both", cls.bikes | cls.tyres, state_id=cls.emilia.id)
        cls.bike_only = customer("Bikeonly", cls.bikes, city="Modena")
        cls.no_consent = customer("Noconsent", cls.bikes, email_consent=False)
        cls.opted_out = customer("Optedout", cls.bikes)
        cls.env["mail.blacklist"]._add(cls.opted_out.email)
        cls.company = customer("Companyx", cls.tyres, is_company=True)

    def _campaign(self, **values):
        return (
            self.env["customer.comm.campaign"]
            .with_user(self.user)
            .create(dict({"name": "Winter offer"}, **values))
        )

    def _recipients(self, campaign):
        return self.env["res.partner"].search(campaign._recipient_domain())

    def test_any_or_all_interests_and_exclusions(self):
        any_bikes = self._campaign(interest_ids=[(6, 0, self.bikes.ids)])
        self.assertEqual(self._recipients(any_bikes), self.both | self.bike_only)
        self.assertEqual(any_bikes.recipient_count, 2)
        every = self._campaign(
            interest_ids=[(6, 0, (self.bikes | self.tyres).ids)], interest_match="all"
        )
        self.assertEqual(self._recipients(every), self.both)

    def test_kind_region_city(self):
        interests = (self.bikes | self.tyres).ids
        companies = self._campaign(
            interest_ids=[(6, 0, interests)], partner_kind="company"
        )
        self.assertEqual(self._recipients(companies), self.company)
        region = self._campaign(
            interest_ids=[(6, 0, interests)], state_ids=[(6, 0, self.emilia.ids)]
        )
        self.assertEqual(self._recipients(region), self.both)
        city = self._campaign(interest_ids=[(6, 0, interests)], city=" modena ")
        self.assertEqual(self._recipients(city), self.bike_only)

    def test_sms_campaign_consent_is_per_channel(self):
        self.env["phone.blacklist"].sudo().add(self.bike_only.mobile)
        sms = self._campaign(channel="sms", interest_ids=[(6, 0, self.bikes.ids)])
        # the e-mail opt-out does not stop SMS; the blacklisted number does
        self.assertEqual(
            self._recipients(sms), self.both | self.no_consent | self.opted_out
        )

    def test_mailing_created_with_the_same_recipients(self):
        campaign = self._campaign(channel="sms", interest_ids=[(6, 0, self.bikes.ids)])
        action = campaign.action_create_mailing()
        mailing = self.env["mailing.mailing"].browse(action["res_id"])
        self.assertEqual(mailing.mailing_type, "sms")
        self.assertEqual(mailing.mailing_model_real, "res.partner")
        self.assertEqual(
            set(mailing._get_recipients()), set(self._recipients(campaign).ids)
        )

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
            .with_context(active_model="res.partner", active_ids=self.bike_only.ids)
            .create({"name": "Just one"})
        )
        self.assertEqual(self._recipients(from_list), self.bike_only)

    def test_nobody_to_write_to(self):
        campaign = self._campaign(city="Nowhere")
        with self.assertRaisesRegex(UserError, "No customer matches"):
            campaign.action_create_mailing()

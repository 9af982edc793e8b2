# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The right to be forgotten: a customer's personal data anonymised, the
records that point at them found in every installed model (as Odoo's
``privacy_lookup`` finds them), and a ``privacy.log`` entry of what was done."""

from odoo import _, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools import format_date

# the links to a customer that the anonymisation handles itself (deletes,
# erases, or that are technical), not documents of the customer
ANONYMISE_HANDLED_MODELS = {
    "res.partner",
    "res.users",
    "mail.message",
    "mail.mail",
    "mail.followers",
    "mail.notification",
    "mail.activity",
    "discuss.channel.member",
    "customer.contact.point",
    "customer.comm.log",
    "sms.sms",
    "privacy.log",
}


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _anonymise(self):
        """Right to be forgotten (see the ``customer.comm.anonymise`` wizard,
        which checks the user may): replace the personal data of these
        customers by anonymous values and archive them.

        Every record that points at a customer stays, pointing at the
        anonymised customer: documents must keep their customer. Those whose
        link the database protects (a required customer, ``ondelete
        restrict``: invoices, orders, requests, consents...) are the
        customer's documents: the messages the customer wrote on them are
        kept with them. The customer's contact points, activities,
        attachments, followings and SMS are removed, their own chatter and
        every other message they wrote are erased, the addresses of their
        history are cleared, their interests are kept and nothing personal
        goes into a blacklist. Each customer gets a ``privacy.log`` entry."""
        self.check_access("write")
        with_users = self.with_context(active_test=False).filtered("user_ids")
        if with_users:
            raise UserError(
                _(
                    "%(customers)s can log in to Odoo: archive or delete the user "
                    "first, then anonymise the customer.",
                    customers=", ".join(with_users.mapped("display_name")),
                )
            )
        for customer in self:
            customer._anonymise_customer()

    def _anonymise_customer(self):
        self.ensure_one()
        # the customer's other addresses are part of its personal data
        partners = self | self.child_ids.filtered(lambda child: child.type != "contact")
        references, documents = partners._anonymise_references()
        log = self._anonymise_privacy_log()
        done = partners._erase_personal_records(documents)
        quiet = partners.with_context(
            tracking_disable=True, mail_notrack=True, mail_create_nolog=True
        )
        for partner in quiet:
            partner.write(partner._prepare_anonymised_values())
        log.write(
            {
                "execution_details": "\n".join(done),
                "records_description": self._anonymise_describe(references, documents),
            }
        )
        note = _(
            "Personal data anonymised on %(date)s by %(user)s",
            date=format_date(self.env, fields.Date.context_today(self)),
            user=self.env.user.name,
        )
        self.message_post(body=note, subtype_xmlid="mail.mt_note")

    def _anonymise_privacy_log(self):
        """The entry of Odoo's privacy log for this customer (its name and
        e-mail are stored masked by the log itself)."""
        self.ensure_one()
        email = self.email_normalized or ""
        # sudo: the privacy log is an administrator's model; the manager
        # right was checked by the wizard
        log = (
            self.env["privacy.log"]
            .sudo()
            .create(
                {
                    "anonymized_name": self.name or str(self.id),
                    # the log masks what it is given; "@" when there is none
                    "anonymized_email": email or "@",
                    "additional_note": _(
                        "Right to be forgotten (Customer Communication)"
                    ),
                }
            )
        )
        if not email:
            log.anonymized_email = _("(no e-mail)")
        return log

    def _anonymise_references(self):
        """The records of every installed model that point at these partners
        through a stored many2one or many2many field to ``res.partner``
        (Odoo's privacy lookup does the same), as ``(references,
        documents)``: each a dict of recordsets by model; the documents are
        those whose link to the partner the database protects (``ondelete
        restrict``)."""
        references, documents = {}, {}
        for model_name in self.env.registry:
            if model_name in ANONYMISE_HANDLED_MODELS:
                continue
            Model = self.env[model_name]
            if Model._abstract or Model._transient or not Model._auto:
                continue
            links = [
                field
                for field in Model._fields.values()
                if field.comodel_name == "res.partner"
                and field.type in ("many2one", "many2many")
                and field.store
                and not field.company_dependent
            ]
            if not links:
                continue
            # sudo: every record counts, whoever may read it
            Model = Model.sudo().with_context(active_test=False)
            records = Model.search(
                expression.OR([[(field.name, "in", self.ids)] for field in links])
            )
            if not records:
                continue
            references[model_name] = records
            restricting = [
                field.name
                for field in links
                if field.type == "many2one" and field.ondelete == "restrict"
            ]
            kept = records.filtered(
                lambda record, names=restricting: any(
                    record[name] in self for name in names
                )
            )
            if kept:
                documents[model_name] = kept
        return references, documents

    def _anonymise_describe(self, references, documents):
        """The records found, as Odoo's privacy lookup lists them."""
        lines = []
        for model_name, records in sorted(references.items()):
            kind = (
                _("document, kept with the customer's messages")
                if model_name in documents
                else _("kept")
            )
            lines.append(
                "{model} ({count}, {kind}): {ids}".format(
                    model=self.env["ir.model"]._get(model_name).name,
                    count=len(records),
                    kind=kind,
                    ids=", ".join(f"#{record_id}" for record_id in records.ids),
                )
            )
        return "\n".join(lines)

    def _prepare_anonymised_values(self):
        """The values replacing the personal data of this customer."""
        self.ensure_one()
        label = _("Anonymised customer %(number)s", number=self.id)
        values = {
            "email": False,
            "phone": False,
            "mobile": False,
            "street": False,
            "street2": False,
            "zip_id": False,
            "city_id": False,
            "city": False,
            "zip": False,
            "state_id": False,
            "l10n_it_codice_fiscale": False,
            "birthdate_date": False,
            "function": False,
            "title": False,
            "website": False,
            "comment": False,
            # the company-defined customer fields may hold personal data
            "partner_properties": False,
            "image_1920": False,
            "preferred_channel": "none",
            "email_marketing_consent": False,
            "mobile_marketing_consent": False,
            "active": False,
        }
        if self.is_company:
            values["name"] = label
        else:
            values.update(firstname=False, lastname=label)
        return values

    def _erase_personal_records(self, documents):
        """Remove the contact points, activities, attachments, followings and
        SMS of these customers, erase the content of their chatter and of the
        messages they wrote (except on their ``documents``, a dict of
        recordsets by model), clear the addresses of their history; return
        what was done, one line each."""
        # sudo: messages, followers and SMS of other documents are not
        # writable by the manager, whose right was checked by the caller
        kept = {
            (model_name, record_id)
            for model_name, records in documents.items()
            for record_id in records.ids
        }
        points = self.contact_point_ids
        activities = self.activity_ids
        points.unlink()
        activities.unlink()
        Message = self.env["mail.message"].sudo()
        own = Message.search(
            [("model", "=", "res.partner"), ("res_id", "in", self.ids)]
        )
        written = Message.search([("author_id", "in", self.ids)]).filtered(
            lambda message: (message.model, message.res_id) not in kept
        )
        messages = own | written
        messages.attachment_ids.unlink()
        messages.tracking_value_ids.unlink()
        messages.write(
            {"body": False, "subject": False, "email_from": False, "reply_to": False}
        )
        attachments = (
            self.env["ir.attachment"]
            .sudo()
            .search([("res_model", "=", "res.partner"), ("res_id", "in", self.ids)])
        )
        attachments.unlink()
        followings = (
            self.env["mail.followers"].sudo().search([("partner_id", "in", self.ids)])
        )
        followings.unlink()
        sms = self.env["sms.sms"].sudo().search([("partner_id", "in", self.ids)])
        sms.unlink()
        history = (
            self.env["customer.comm.log"]
            .sudo()
            .search([("partner_id", "in", self.ids)])
        )
        history.write({"recipient": False})
        return [
            _("Personal data replaced by anonymous values, customer archived."),
            _(
                "Deleted: %(points)s contact points, %(activities)s activities, "
                "%(attachments)s attachments, %(followings)s followings, "
                "%(sms)s SMS.",
                points=len(points),
                activities=len(activities),
                attachments=len(attachments),
                followings=len(followings),
                sms=len(sms),
            ),
            _(
                "Erased: the content of %(messages)s messages; the addresses of "
                "%(history)s communications of the history.",
                messages=len(messages),
                history=len(history),
            ),
        ]

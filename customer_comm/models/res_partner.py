# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import re

from stdnum import exceptions as stdnum_exceptions
from stdnum.it import codicefiscale, iva

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.models import fix_import_export_id_paths
from odoo.osv import expression
from odoo.tools import SQL, email_normalize, format_date

from ..tools import customer_properties
from ..tools.greeting import build_greeting

# documents the law requires to keep unchanged: the messages a customer wrote
# on them are kept when their personal data is anonymised
ANONYMISE_KEPT_MODELS = (
    "account.move",
    "account.payment",
    "sale.order",
    "purchase.order",
    "pos.order",
    "repair.order",
    "stock.picking",
)
# the keys an imported customer must not share with another customer
IMPORT_DUPLICATE_KEYS = ("vat", "fiscal_code", "email", "mobile")
# rounds of "import, leave out the rows Odoo refused, import again"
IMPORT_MAX_ROUNDS = 20


def _compact_vat(vat):
    return re.sub(r"[^0-9A-Za-z]", "", vat).upper()


class ResPartner(models.Model):
    _inherit = "res.partner"

    contact_point_ids = fields.One2many(
        comodel_name="customer.contact.point",
        inverse_name="partner_id",
        string="Contact points",
    )
    contact_preference = fields.Selection(
        selection=[("email", "E-mail"), ("sms", "SMS"), ("none", "None")],
        default="email",
        help="The channel the customer prefers. It is only suggested when "
        "writing to them: the other channels stay possible.",
    )
    customer_comm_log_count = fields.Integer(compute="_compute_customer_comm_log_count")
    sms_unreachable = fields.Boolean(
        compute="_compute_sms_unreachable",
        help="An individual without a mobile number cannot receive SMS.",
    )
    # personal for individuals: never synchronised with the commercial partner
    fiscal_code = fields.Char(
        index="btree_not_null",
        copy=False,
        help="Italian customers: the codice fiscale (16 characters for "
        "individuals, 11 digits for companies), checked when saved. "
        "Other countries: any tax identifier, not checked.",
    )
    business_start_date = fields.Date(
        help="The date the company started its business.",
    )
    legal_representative_id = fields.Many2one(
        comodel_name="res.partner",
        string="Legal representative",
        domain=[("is_company", "=", False)],
        ondelete="set null",
        index="btree_not_null",
        tracking=True,
        help="The individual who legally represents the company.",
    )
    administrator_ids = fields.Many2many(
        comodel_name="res.partner",
        relation="res_partner_administrator_rel",
        column1="company_partner_id",
        column2="administrator_id",
        string="Administrators",
        domain=[("is_company", "=", False)],
        help="The individuals who administer the company; they may also "
        "represent or administer other companies.",
    )

    privacy_consent_date = fields.Datetime(
        string="Privacy consent signed on",
        readonly=True,
        copy=False,
        tracking=True,
        help="When the customer signed the privacy consent form.",
    )
    privacy_consent_user_id = fields.Many2one(
        comodel_name="res.users",
        string="Privacy consent recorded by",
        readonly=True,
        copy=False,
    )
    privacy_withdrawal_date = fields.Datetime(
        string="Privacy consent withdrawn on",
        readonly=True,
        copy=False,
        tracking=True,
    )

    # the customer card: company-defined extra fields (Odoo properties) and
    # counts of the documents of addons that may not be installed
    properties_company_id = fields.Many2one(
        comodel_name="res.company",
        compute="_compute_properties_company_id",
        store=True,
        precompute=True,
        help="The company whose customer properties this customer has: its "
        "own company, or the company it was created in when it is shared.",
    )
    partner_properties = fields.Properties(
        string="Properties",
        definition="properties_company_id.partner_properties_definition",
        copy=True,
    )
    properties_missing_required = fields.Char(
        string="Missing required details",
        compute="_compute_properties_missing_required",
        search="_search_properties_missing_required",
        help="The customer fields marked required that this customer has not "
        "filled in yet.",
    )
    card_repair_count = fields.Integer(
        string="Repairs", compute="_compute_card_repair_count"
    )
    card_show_repairs = fields.Boolean(compute="_compute_card_repair_count")
    card_overdue_invoice_count = fields.Integer(
        string="Overdue invoices", compute="_compute_card_overdue_invoice_count"
    )
    card_show_overdue_invoices = fields.Boolean(
        compute="_compute_card_overdue_invoice_count"
    )
    card_upcoming_meeting_count = fields.Integer(
        string="Upcoming meetings", compute="_compute_card_meeting_counts"
    )
    card_past_meeting_count = fields.Integer(
        string="Past meetings", compute="_compute_card_meeting_counts"
    )
    card_show_meetings = fields.Boolean(compute="_compute_card_meeting_counts")
    card_document_count = fields.Integer(
        string="Documents",
        compute="_compute_card_document_count",
        help="The files attached to the customer and its contacts: uploaded "
        "on the card or sent and received in their conversation.",
    )

    @api.depends("company_id")
    def _compute_properties_company_id(self):
        for partner in self:
            partner.properties_company_id = partner.company_id or self.env.company

    def _customer_properties_definition(self):
        """The customer fields of this customer's company (definitions)."""
        self.ensure_one()
        return self.properties_company_id.sudo().partner_properties_definition or []

    def _customer_properties_staff_domain(self):
        """The partners that are not customers: the companies' own partners and
        the internal users' (required customer fields do not concern them)."""
        company_partners = self.env["res.company"].sudo().search([]).partner_id
        return [
            "|",
            ("id", "in", company_partners.ids),
            ("user_ids.share", "=", False),
        ]

    @api.depends(
        "partner_properties",
        "properties_company_id.partner_properties_definition",
        "user_ids.share",
    )
    def _compute_properties_missing_required(self):
        staff = self.filtered_domain(self._customer_properties_staff_domain())
        for partner in self:
            if partner in staff:
                partner.properties_missing_required = False
                continue
            values = partner.partner_properties or {}
            partner.properties_missing_required = ", ".join(
                prop.get("string") or prop["name"]
                for prop in partner._customer_properties_definition()
                if prop.get("required")
                and customer_properties.is_empty(prop["type"], values.get(prop["name"]))
            )

    def _search_properties_missing_required(self, operator, value):
        if operator not in ("=", "!=") or value not in (False, True):
            raise UserError(_("This search is not supported."))
        companies = (
            self.env["res.company"]
            .sudo()
            .search_fetch(
                [("partner_properties_definition", "!=", False)],
                ["partner_properties_definition"],
            )
        )
        missing = []
        for company in companies:
            names = [
                prop["name"]
                for prop in company.partner_properties_definition
                if prop.get("required")
            ]
            if not names:
                continue
            missing.append(
                [
                    ("properties_company_id", "=", company.id),
                    *expression.OR(
                        [[(f"partner_properties.{name}", "=", False)] for name in names]
                    ),
                ]
            )
        domain = expression.AND(
            [
                expression.OR(missing) if missing else expression.FALSE_DOMAIN,
                ["!", *self._customer_properties_staff_domain()],
            ]
        )
        if (operator == "!=") == bool(value):
            return ["!", *expression.normalize_domain(domain)]
        return domain

    def _customer_properties_online(self):
        """The customer fields this customer is asked for online, each a dict
        of its definition with its ``value`` and the ``input`` name and text
        of its web form field."""
        self.ensure_one()
        values = self.sudo().partner_properties or {}
        result = []
        for prop in self._customer_properties_definition():
            if not prop.get("collect_online") or (
                prop["type"] not in customer_properties.ONLINE_TYPES
            ):
                continue
            value = values.get(prop["name"])
            result.append(
                dict(
                    prop,
                    value=value,
                    input=customer_properties.ONLINE_INPUT_PREFIX + prop["name"],
                    input_type=customer_properties.ONLINE_INPUT_TYPES.get(prop["type"]),
                    input_text=customer_properties.format_input_value(prop, value),
                )
            )
        return result

    def _customer_properties_parse_online(self, form, names=None):
        """``(values, errors)`` of the customer fields posted by a web form
        (all those collected online, or the ``names`` ones): ``values`` maps
        property names to their new value, ``errors`` maps input names to
        ``"missing"`` or ``"error"``."""
        self.ensure_one()
        values, errors = {}, {}
        for prop in self._customer_properties_online():
            if names is not None and prop["name"] not in names:
                continue
            text = form.get(prop["input"])
            value, ok = customer_properties.parse_input_value(prop, text)
            if not ok:
                errors[prop["input"]] = "error"
            elif prop.get("required") and customer_properties.is_empty(
                prop["type"], value
            ):
                errors[prop["input"]] = "missing"
            else:
                values[prop["name"]] = value
        return values, errors

    def _customer_properties_save_online(self, values):
        """Store the customer fields given online, keeping the others."""
        self.ensure_one()
        if values:
            self.sudo().partner_properties = {
                **(self.sudo().partner_properties or {}),
                **values,
            }

    def _card_readable(self, model):
        """Whether ``model`` is installed and readable by the user: its card
        button is shown only then."""
        return model in self.env and self.env[model].has_access("read")

    def _card_partner_and_contacts(self):
        """These partners and their contacts (archived ones too), with their
        parent read."""
        return self.with_context(active_test=False).search_fetch(
            [("id", "child_of", self.ids)], ["parent_id"]
        )

    def _card_count(self, model, domain, partner_field="partner_id"):
        """``{partner: count}`` of the ``model`` records linked to each
        partner or its contacts, or ``None`` (see ``_card_counts``)."""
        counts = self._card_counts(model, [domain], partner_field)
        return counts and counts[0]

    def _card_counts(self, model, domains, partner_field="partner_id"):
        """One ``{partner: count}`` per domain of ``domains``: the ``model``
        records linked to each partner or its contacts (as Odoo counts sales
        orders) through ``partner_field`` (a many2one, a many2many such as the
        attendees of a meeting, or the ``res_id`` of an attachment), or
        ``None`` when the model is not installed or not readable by the user.
        A record linked to several contacts of a customer counts once for
        that customer. The customers' contacts are looked up once for all
        the domains."""
        if not self._card_readable(model):
            return None
        if not self.ids:
            return [dict.fromkeys(self, 0) for _domain in domains]
        partners = self._card_partner_and_contacts()
        # {partner id: ids of the partners of self it belongs to}; the walk up
        # stays among the partners just read (no query for their parents)
        own_ids = set(self.ids)
        read_ids = set(partners.ids)
        owners = {}
        for partner in partners:
            owners[partner.id] = found = []
            walk = partner
            while walk and walk.id in read_ids:
                if walk.id in own_ids:
                    found.append(walk.id)
                walk = walk.parent_id
        Model = self.env[model]
        many2many = Model._fields[partner_field].type == "many2many"
        result = []
        for domain in domains:
            counts = dict.fromkeys(self, 0)
            search_domain = [(partner_field, "in", partners.ids), *domain]
            if many2many:
                record_ids = {partner_id: set() for partner_id in own_ids}
                for partner, ids in Model._read_group(
                    search_domain, groupby=[partner_field], aggregates=["id:array_agg"]
                ):
                    for owner_id in owners.get(partner.id, ()):
                        record_ids[owner_id].update(ids)
                for owner_id, ids in record_ids.items():
                    counts[self.browse(owner_id)] = len(ids)
            else:
                for key, count in Model._read_group(
                    search_domain, groupby=[partner_field], aggregates=["__count"]
                ):
                    partner_id = key.id if isinstance(key, models.BaseModel) else key
                    for owner_id in owners.get(partner_id, ()):
                        counts[self.browse(owner_id)] += count
            result.append(counts)
        return result

    def _compute_card_repair_count(self):
        counts = self._card_count("repair.order", [])
        for partner in self:
            partner.card_show_repairs = counts is not None
            partner.card_repair_count = (counts or {}).get(partner, 0)

    def _card_overdue_invoice_domain(self):
        return [
            ("move_type", "=", "out_invoice"),
            ("state", "=", "posted"),
            ("payment_state", "in", ("not_paid", "partial")),
            ("invoice_date_due", "<", fields.Date.context_today(self)),
        ]

    def _compute_card_overdue_invoice_count(self):
        counts = self._card_count("account.move", self._card_overdue_invoice_domain())
        for partner in self:
            partner.card_show_overdue_invoices = counts is not None
            partner.card_overdue_invoice_count = (counts or {}).get(partner, 0)

    def _card_action(self, xmlid, domain, context, partner_field="partner_id"):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [(partner_field, "child_of", self.id), *domain]
        action["context"] = context
        return action

    def _card_meeting_domain(self, upcoming, now=None):
        now = now or fields.Datetime.now()
        return [("start", ">=" if upcoming else "<", now)]

    def _compute_card_meeting_counts(self):
        now = fields.Datetime.now()
        upcoming, past = self._card_counts(
            "calendar.event",
            [
                self._card_meeting_domain(is_upcoming, now)
                for is_upcoming in (True, False)
            ],
            partner_field="partner_ids",
        ) or (None, None)
        for partner in self:
            partner.card_show_meetings = upcoming is not None
            partner.card_upcoming_meeting_count = (upcoming or {}).get(partner, 0)
            partner.card_past_meeting_count = (past or {}).get(partner, 0)

    def _card_document_domain(self):
        return [("res_model", "=", "res.partner")]

    def _compute_card_document_count(self):
        counts = self._card_count(
            "ir.attachment", self._card_document_domain(), partner_field="res_id"
        )
        for partner in self:
            partner.card_document_count = (counts or {}).get(partner, 0)

    def action_view_card_repairs(self):
        return self._card_action(
            "repair.action_repair_order_tree",
            [],
            {"default_partner_id": self.id},
        )

    def action_view_card_overdue_invoices(self):
        return self._card_action(
            "account.action_move_out_invoice_type",
            self._card_overdue_invoice_domain(),
            {"default_move_type": "out_invoice", "default_partner_id": self.id},
        )

    def _action_view_card_meetings(self, upcoming):
        self.ensure_one()
        action = self._card_action(
            "calendar.action_calendar_event",
            self._card_meeting_domain(upcoming),
            {"default_partner_ids": [self.id, self.env.user.partner_id.id]},
            partner_field="partner_ids",
        )
        action.pop("path", None)
        action["name"] = _("Upcoming meetings") if upcoming else _("Past meetings")
        action["view_mode"] = "list,calendar,form"
        action["views"] = [(False, "list"), (False, "calendar"), (False, "form")]
        return action

    def action_view_card_upcoming_meetings(self):
        return self._action_view_card_meetings(upcoming=True)

    def action_view_card_past_meetings(self):
        return self._action_view_card_meetings(upcoming=False)

    def action_view_card_documents(self):
        """The customer's files, where more can be uploaded."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Documents of %(customer)s", customer=self.display_name),
            "res_model": "ir.attachment",
            "view_mode": "kanban,list,form",
            "views": [
                (self.env.ref("customer_comm.ir_attachment_view_kanban").id, "kanban"),
                (self.env.ref("customer_comm.ir_attachment_view_list").id, "list"),
                (self.env.ref("customer_comm.ir_attachment_view_form").id, "form"),
            ],
            "domain": [
                ("res_id", "in", self._card_partner_and_contacts().ids),
                *self._card_document_domain(),
            ],
            "context": {
                "default_res_model": self._name,
                "default_res_id": self.id,
                "default_type": "binary",
            },
        }

    def _customer_comm_overdue_invoices(self):
        """The overdue customer invoices of the customer and its contacts,
        oldest due first: an empty list when invoicing is not installed or
        not readable by the user."""
        self.ensure_one()
        if not self._card_readable("account.move"):
            return []
        return self.env["account.move"].search(
            [("partner_id", "child_of", self.id), *self._card_overdue_invoice_domain()],
            order="invoice_date_due, id",
        )

    def _customer_comm_overdue_totals(self):
        """``[(currency, amount due)]`` of the overdue invoices, one line per
        currency."""
        totals = {}
        for invoice in self._customer_comm_overdue_invoices():
            currency = invoice.currency_id
            totals[currency] = totals.get(currency, 0.0) + invoice.amount_residual
        return list(totals.items())

    def action_customer_comm_remind_payment(self):
        """The composer, as an e-mail with the payment reminder applied."""
        self.ensure_one()
        if not self._customer_comm_overdue_invoices():
            raise UserError(
                _(
                    "%(customer)s has no overdue invoice to remind.",
                    customer=self.display_name,
                )
            )
        return self._customer_comm_open_composer(
            self,
            mail_template=self.env.ref("customer_comm.mail_template_payment_reminder"),
        )

    @api.depends("is_company", "mobile", "contact_point_ids.kind")
    def _compute_sms_unreachable(self):
        for partner in self:
            partner.sms_unreachable = not partner.is_company and not (
                partner.mobile or "mobile" in partner.contact_point_ids.mapped("kind")
            )

    def _compute_customer_comm_log_count(self):
        counts = dict(
            self.env["customer.comm.log"]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.customer_comm_log_count = counts.get(partner, 0)

    def action_view_customer_comm_logs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "customer_comm.customer_comm_log_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        return action

    def _customer_comm_sms_number(self):
        """The E.164 mobile to write to: the main mobile, else the first
        mobile contact point; opted-out numbers are skipped."""
        self.ensure_one()
        if self.mobile and not self.mobile_blacklisted:
            number = self._phone_format(number=self.mobile)
            if number:
                return number
        for point in self.contact_point_ids:
            if point.kind == "mobile" and not point.is_opted_out:
                return point.value
        return False

    def _customer_comm_lang(self):
        """The language to write to the customer in: theirs while the
        database has it active (data files may leave an inactive one), else
        the user's."""
        self.ensure_one()
        if self.lang and self.lang in dict(self.env["res.lang"].get_installed()):
            return self.lang
        return self.env.lang or "en_US"

    def _customer_comm_greeting(self, formal=False):
        """ "Hi John" / "Dear Mr. Doe" in the customer's language."""
        self.ensure_one()
        person = self
        title_xmlid = person.title.get_external_id().get(person.title.id)
        lang = person._customer_comm_lang()
        return build_greeting(
            lang,
            person.firstname or person.name,
            person.lastname or person.name,
            title_xmlid=title_xmlid,
            title_name=person.title.with_context(lang=lang).shortcut
            or person.title.with_context(lang=lang).name,
            formal=formal,
        )

    def action_open_customer_composer(self):
        """ "Contact": the composer for this customer."""
        self.ensure_one()
        return self._customer_comm_open_composer(self)

    @api.model
    def _customer_comm_open_composer(self, record, mail_template=None):
        """The composer for the customer of ``record``; with ``mail_template``
        it opens as an e-mail with that template already applied."""
        partner = (
            record if record._name == "res.partner" else record._customer_comm_partner()
        )
        values = {
            "partner_id": partner.id,
            "res_model": record._name,
            "res_id": record.id,
        }
        if mail_template:
            values.update(comm_type="email", mail_template_id=mail_template.id)
        composer = self.env["customer.comm.composer"].create(values)
        if mail_template:
            composer._onchange_template()
        return composer._action_open()

    # ------------------------------------------------------------ fiscal code
    @api.model
    def _fiscal_code_check(self, code, is_company, country):
        """``(stored_code, error)`` for ``code``: Italian codes are compacted,
        upper-cased and validated with python-stdnum (an individual's 16
        characters; a company's 11 digits, or the owner's 16 characters for a
        sole trader), other countries' codes are only stripped. ``error`` is a
        translated sentence, or ``None`` when the code is acceptable."""
        if not code or not code.strip():
            return False, None
        if not country or country.code != "IT":
            return code.strip(), None
        code = codicefiscale.compact(code)
        if is_company and len(code) == 11:
            validator = iva
        elif len(code) == 16:
            validator = codicefiscale
        elif is_company:
            return code, _(
                "A company's fiscal code has 11 digits (or the owner's 16 "
                "characters for a sole trader)."
            )
        else:
            return code, _("An individual's fiscal code has 16 characters.")
        try:
            validator.validate(code)
        except stdnum_exceptions.InvalidChecksum:
            return code, _("its check character is wrong (a typing mistake?).")
        except stdnum_exceptions.InvalidComponent:
            return code, _(
                "some of its parts are impossible (birth date, municipality "
                "or tax office code)."
            )
        except stdnum_exceptions.ValidationError:
            return code, _("it does not have the form of a codice fiscale.")
        return code, None

    def _fiscal_code_error_message(self, code, reason):
        return _(
            "The fiscal code %(code)s of %(partner)s is not valid: %(reason)s",
            code=code,
            partner=self.display_name or _("this customer"),
            reason=reason,
        )

    @api.constrains("fiscal_code", "is_company", "country_id")
    def _check_fiscal_code(self):
        for partner in self.filtered("fiscal_code"):
            _code, reason = self._fiscal_code_check(
                partner.fiscal_code, partner.is_company, partner.country_id
            )
            if reason:
                raise ValidationError(
                    partner._fiscal_code_error_message(partner.fiscal_code, reason)
                )

    def _normalize_fiscal_codes(self):
        """Store Italian fiscal codes compact and upper-case."""
        for partner in self.filtered("fiscal_code"):
            code, _reason = self._fiscal_code_check(
                partner.fiscal_code, partner.is_company, partner.country_id
            )
            if code != partner.fiscal_code:
                partner.fiscal_code = code

    # -------------------------------------------------- company's officers
    @api.constrains("legal_representative_id", "administrator_ids")
    def _check_company_officers(self):
        for partner in self:
            if partner.legal_representative_id.is_company:
                raise ValidationError(
                    _(
                        "The legal representative of %(company)s must be a "
                        "person, not the company %(representative)s.",
                        company=partner.display_name,
                        representative=partner.legal_representative_id.display_name,
                    )
                )
            companies = partner.administrator_ids.filtered("is_company")
            if companies:
                raise ValidationError(
                    _(
                        "The administrators of %(company)s must be persons: "
                        "%(names)s is a company.",
                        company=partner.display_name,
                        names=", ".join(companies.mapped("display_name")),
                    )
                )

    @api.constrains("is_company")
    def _check_officer_is_person(self):
        companies = self.filtered("is_company")
        if not companies:
            return
        represented = self.search(
            [
                "|",
                ("legal_representative_id", "in", companies.ids),
                ("administrator_ids", "in", companies.ids),
            ],
            limit=1,
        )
        if represented:
            raise ValidationError(
                _(
                    "%(company)s cannot become a company: it represents or "
                    "administers %(represented)s.",
                    company=", ".join(companies.mapped("display_name")),
                    represented=represented.display_name,
                )
            )

    def action_create_legal_representative(self):
        """Open a new individual, contact of this company, who becomes its
        legal representative once saved."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("New legal representative"),
            "res_model": "res.partner",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_is_company": False,
                "default_company_type": "person",
                "default_type": "contact",
                "default_parent_id": self.id,
                "default_lang": self.lang,
                "customer_comm_representative_of": self.id,
            },
        }

    # ---------------------------------------------------------------- privacy
    def action_record_privacy_consent(self):
        """The customer signed the (printed) privacy consent form."""
        self.check_access("write")
        self.write(
            {
                "privacy_consent_date": fields.Datetime.now(),
                "privacy_consent_user_id": self.env.user.id,
                "privacy_withdrawal_date": False,
            }
        )
        return True

    def action_withdraw_privacy_consent(self):
        """The customer withdrew their privacy consent."""
        self.check_access("write")
        self.write(
            {
                "privacy_withdrawal_date": fields.Datetime.now(),
                "privacy_consent_user_id": self.env.user.id,
            }
        )
        return True

    # ------------------------------------------------------ right to be forgotten
    def _anonymise_values(self):
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
            "fiscal_code": False,
            "birthdate_date": False,
            "function": False,
            "title": False,
            "website": False,
            "comment": False,
            # the company-defined customer fields may hold personal data
            "partner_properties": False,
            "image_1920": False,
            "contact_preference": "none",
            "active": False,
        }
        if self.is_company:
            values["name"] = label
        else:
            values.update(firstname=False, lastname=label)
        return values

    def _anonymise_kept_models(self):
        """Models whose messages are legally required documents: left intact."""
        return set(ANONYMISE_KEPT_MODELS)

    def action_anonymise(self):
        """Right to be forgotten: replace this customer's personal data by
        anonymous values and archive the record, which stays referenced by the
        documents that must be kept (invoices, orders...). Its contact points,
        activities, attachments and followings are removed, the content of its
        own chatter and of the messages it wrote on other documents is erased
        (except on legally required documents), its interests are kept, and
        nothing personal goes into a blacklist."""
        if not self.env.user.has_group("customer_comm.group_customer_comm_manager"):
            raise AccessError(
                _("Only a Customer Communication manager can anonymise customers.")
            )
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
        # the customer's other addresses are part of its personal data
        partners = self | self.child_ids.filtered(lambda child: child.type != "contact")
        partners._anonymise_related_records()
        quiet = partners.with_context(
            tracking_disable=True, mail_notrack=True, mail_create_nolog=True
        )
        for partner in quiet:
            partner.write(partner._anonymise_values())
        note = _(
            "Personal data anonymised on %(date)s by %(user)s",
            date=format_date(self.env, fields.Date.context_today(self)),
            user=self.env.user.name,
        )
        for partner in self:
            partner.message_post(body=note, subtype_xmlid="mail.mt_note")
        return True

    def _anonymise_related_records(self):
        # sudo: messages, followers and SMS of other documents are not
        # writable by the manager, whose right was checked by the caller
        self.contact_point_ids.unlink()
        self.activity_ids.unlink()
        Message = self.env["mail.message"].sudo()
        own = Message.search(
            [("model", "=", "res.partner"), ("res_id", "in", self.ids)]
        )
        written = Message.search(
            [
                ("author_id", "in", self.ids),
                ("model", "not in", list(self._anonymise_kept_models())),
            ]
        )
        messages = own | written
        messages.attachment_ids.unlink()
        messages.tracking_value_ids.unlink()
        messages.write(
            {
                "body": False,
                "subject": False,
                "email_from": False,
                "reply_to": False,
            }
        )
        self.env["ir.attachment"].sudo().search(
            [("res_model", "=", "res.partner"), ("res_id", "in", self.ids)]
        ).unlink()
        self.env["mail.followers"].sudo().search(
            [("partner_id", "in", self.ids)]
        ).unlink()
        self.env["sms.sms"].sudo().search([("partner_id", "in", self.ids)]).unlink()

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        represented_id = self.env.context.get("customer_comm_representative_of")
        if represented_id:
            # only the representative itself, not what its creation creates
            self = self.with_context(customer_comm_representative_of=False)
        for vals in vals_list:
            # Odoo keeps property values given at creation only when their
            # container is given too (it is computed here)
            if vals.get("partner_properties") and "properties_company_id" not in vals:
                vals["properties_company_id"] = (
                    vals.get("company_id")
                    or self.env.context.get("default_company_id")
                    or self.env.company.id
                )
        partners = super().create(vals_list)
        partners._normalize_fiscal_codes()
        if represented_id:
            company = self.browse(represented_id).exists()
            person = partners.filtered(lambda p: not p.is_company)[:1]
            if company and person:
                company.legal_representative_id = person
        return partners

    def write(self, vals):
        result = super().write(vals)
        if {"fiscal_code", "country_id", "is_company"} & set(vals):
            self._normalize_fiscal_codes()
        return result

    # ---------------------------------------------------------------- import
    def load(self, fields, data):
        """Odoo's import of customers (``base_import``, which sets
        ``import_file`` in the context) with our additions: phone numbers in
        E.164, interests given by name and created when missing, Italian fiscal
        codes checked, duplicates refused (VAT, fiscal code, e-mail, mobile;
        against existing customers and within the file), each refused row
        reported with its row number.

        Without ``import_skip_invalid_rows`` in the context nothing is imported
        when a row is refused (Odoo's behaviour); with it (import option
        ``skip_invalid_rows``, set by the *Customers* menu of this addon) the
        valid rows are imported and the refused ones reported as warnings.
        Each row is imported whole or not at all.

        ``customer_comm_plain_import`` in the context gives Odoo's plain import.
        """
        if not self.env.context.get("import_file") or self.env.context.get(
            "customer_comm_plain_import"
        ):
            return super().load(fields, data)
        return self._customer_import_load(fields, data)

    def _customer_import_load(self, fields, data):
        paths = [fix_import_export_id_paths(field) for field in fields]
        records, next_line = self._customer_import_records(paths, data)
        nextrow = next_line if next_line < len(data) else 0
        data = [list(line) for line in data[:next_line]]
        skip_invalid = bool(self.env.context.get("import_skip_invalid_rows"))
        # our preparation (new interests) and Odoo's import, undone together
        with self.env.cr.savepoint() as savepoint:
            refused = self._customer_import_prepare(paths, data, records)
            # the preparation may have changed columns (interests by name -> by id)
            fields = ["/".join(path) for path in paths]
            result, lines = {"ids": [], "messages": []}, []
            for round_ in range(1, IMPORT_MAX_ROUNDS + 1):
                valid = [record for record in records if record[0] not in refused]
                if not valid:
                    break
                lines = [index for start, end in valid for index in range(start, end)]
                result = super(ResPartner, self.with_context(_import_limit=None)).load(
                    fields, [data[index] for index in lines]
                )
                refused_by_odoo = self._customer_import_refused(
                    result["messages"], lines, records
                )
                if not (
                    skip_invalid and refused_by_odoo and round_ < IMPORT_MAX_ROUNDS
                ):
                    break
                # leave out the rows Odoo refused (it rolled everything back)
                refused.update(refused_by_odoo)
                result, lines = {"ids": [], "messages": []}, []
            kind = "warning" if skip_invalid else "error"
            messages = [
                self._customer_import_message(record, refused[record[0]], kind)
                for record in records
                if record[0] in refused
            ]
            messages += self._customer_import_remap(result["messages"], lines)
            has_errors = any(message["type"] == "error" for message in messages)
            if skip_invalid and refused and not has_errors:
                messages.insert(
                    0,
                    {
                        "type": "warning",
                        "message": _(
                            "%(refused)s of %(total)s rows were not imported (the "
                            "reason of each is below); the other rows were imported.",
                            refused=len(refused),
                            total=len(records),
                        ),
                    },
                )
            if has_errors:
                savepoint.close(rollback=True)
        if has_errors:
            self.pool.reset_changes()
        return {
            "ids": False if has_errors else result["ids"],
            "messages": messages,
            "nextrow": nextrow,
        }

    @api.model
    def _customer_import_records(self, paths, data):
        """``([[first_line, end_line], ...], next_line)``: the lines of each
        record of this batch (the lines after a record's first one only hold
        one2many values), as ``BaseModel._extract_records`` splits them, and
        the first line of the next batch."""
        one2many = [
            index
            for index, path in enumerate(paths)
            if path[0] in self._fields and self._fields[path[0]].type == "one2many"
        ]
        others = [index for index in range(len(paths)) if index not in one2many]
        limit = self.env.context.get("_import_limit") or float("inf")
        records = []
        index = 0
        while index < len(data) and index < limit:
            end = index + 1
            while (
                end < len(data)
                and any(data[end][column] for column in one2many)
                and not any(data[end][column] for column in others)
            ):
                end += 1
            records.append([index, end])
            index = end
        return records, index

    def _customer_import_row(self, record):
        """The row number of ``record`` in the imported file."""
        return record[0] + self.env.context.get("import_row_offset", 1)

    def _customer_import_message(self, record, reason, kind):
        row = self._customer_import_row(record)
        return {
            "type": kind,
            "message": _("Row %(row)s: %(reason)s", row=row, reason=reason),
            "rows": {"from": record[0], "to": record[1] - 1},
            "record": row,
        }

    def _customer_import_refused(self, messages, lines, records):
        """``{first_line: reason}`` of the records Odoo's ``load`` refused;
        empty when it refused none, or refused the file as a whole."""
        owner = {
            line: record[0]
            for record in records
            for line in range(record[0], record[1])
        }
        refused = {}
        for message in messages:
            if message["type"] != "error":
                continue
            rows = message.get("rows") or {}
            if "from" not in rows or rows["from"] >= len(lines):
                return {}
            refused.setdefault(owner[lines[rows["from"]]], message["message"])
        return refused

    def _customer_import_remap(self, messages, lines):
        """Odoo's messages about the lines it was given, about the file's."""
        remapped = []
        offset = self.env.context.get("import_row_offset", 1)
        for message in messages:
            message = dict(message)
            rows = message.get("rows") or {}
            if "from" in rows and rows["from"] < len(lines):
                first = lines[rows["from"]]
                last = lines[min(rows.get("to", rows["from"]), len(lines) - 1)]
                message["rows"] = {"from": first, "to": last}
                message["record"] = first + offset
            remapped.append(message)
        return remapped

    def _customer_import_prepare(self, paths, data, records):
        """Normalise the imported values in ``data`` (and ``paths``) and
        return ``{first_line: reason}`` for the records to refuse."""
        columns = {tuple(path): index for index, path in enumerate(paths)}
        starts = [record[0] for record in records]

        def cell(start, *path):
            index = columns.get(path)
            value = data[start][index] if index is not None else False
            return str(value).strip() if value not in (None, False) else ""

        countries = self._customer_import_countries(columns, data, starts)
        companies = self._customer_import_is_company(columns, data, starts)
        field_labels = {
            name: self._fields[name]._description_string(self.env)
            for name in ("mobile", "phone", "email", "vat", "fiscal_code")
        }
        refused = {}
        keys = {}
        for start in starts:
            country = countries.get(start) or self.env.company.country_id
            problems = []
            row_keys = {}
            for fname in ("mobile", "phone"):
                number = cell(start, fname)
                if not number:
                    continue
                try:
                    number = self._phone_format_number(
                        number, country, force_format="E164", raise_exception=True
                    )
                except UserError as error:
                    problems.append(
                        _(
                            "%(field)s: the number %(number)s is not valid for "
                            "%(country)s (%(error)s).",
                            field=field_labels[fname],
                            number=number,
                            country=country.name or _("an unknown country"),
                            error=error.args[0],
                        )
                    )
                    continue
                data[start][columns[(fname,)]] = number
                if fname == "mobile":
                    row_keys["mobile"] = number
            email = cell(start, "email")
            if email:
                normalized = email_normalize(email)
                if normalized:
                    row_keys["email"] = normalized
                else:
                    problems.append(
                        _(
                            "%(field)s: %(email)s is not a valid e-mail address.",
                            field=field_labels["email"],
                            email=email,
                        )
                    )
            code = cell(start, "fiscal_code")
            if code:
                code, reason = self._fiscal_code_check(
                    code, companies.get(start, False), countries.get(start)
                )
                if reason:
                    problems.append(
                        _(
                            "%(field)s: %(code)s is not valid: %(reason)s",
                            field=field_labels["fiscal_code"],
                            code=code,
                            reason=reason,
                        )
                    )
                else:
                    data[start][columns[("fiscal_code",)]] = code
                    row_keys["fiscal_code"] = code
            vat = cell(start, "vat")
            if vat:
                row_keys["vat"] = _compact_vat(vat)
            if problems:
                refused[start] = " ".join(problems)
            else:
                keys[start] = row_keys
        refused.update(
            self._customer_import_duplicates(columns, data, keys, field_labels)
        )
        self._customer_import_interests(paths, columns, data, starts)
        return refused

    def _customer_import_countries(self, columns, data, starts):
        """``{first_line: res.country}`` from the country column (a name, an
        ISO code, an external id or a database id), with one query per
        distinct value."""
        Country = self.env["res.country"]
        for path, lookup in (
            (("country_id",), "name"),
            (("country_id", "id"), "xmlid"),
            (("country_id", ".id"), "id"),
        ):
            index = columns.get(path)
            if index is None:
                continue
            found = {}
            for value in {str(data[start][index] or "").strip() for start in starts}:
                if not value:
                    continue
                if lookup == "xmlid":
                    country = self.env.ref(value, raise_if_not_found=False)
                elif lookup == "id":
                    country = Country.browse(int(value)) if value.isdigit() else None
                else:
                    country = Country.search(
                        ["|", ("code", "=ilike", value), ("name", "=ilike", value)],
                        limit=1,
                    )
                if country and country._name == "res.country" and country.exists():
                    found[value] = country
            return {
                start: found.get(str(data[start][index] or "").strip())
                for start in starts
            }
        return {}

    def _customer_import_is_company(self, columns, data, starts):
        """``{first_line: bool}`` from the *is_company* or *company_type*
        column, converted as Odoo's import converts them."""
        converter = self.env["ir.fields.converter"]
        result = {}
        for fname in ("is_company", "company_type"):
            index = columns.get((fname,))
            if index is None:
                continue
            field = self._fields[fname]
            for start in starts:
                value = data[start][index]
                if not value:
                    continue
                try:
                    if fname == "is_company":
                        result[start] = converter._str_to_boolean(self, field, value)[0]
                    else:
                        selected = converter._str_to_selection(self, field, value)[0]
                        result[start] = selected == "company"
                except ValueError:
                    continue  # Odoo's import reports it
        return result

    def _customer_import_updated_ids(self, columns, data, starts):
        """``{first_line: id}`` of the rows that update an existing customer
        (by database id or external id): it is no duplicate of itself."""
        updated = {}
        index = columns.get((".id",))
        if index is not None:
            for start in starts:
                value = str(data[start][index] or "").strip()
                if value.isdigit():
                    updated[start] = int(value)
        index = columns.get(("id",))
        if index is not None:
            module = self.env.context.get("_import_current_module", "__import__")
            xmlids = {}
            for start in starts:
                value = str(data[start][index] or "").strip()
                if value:
                    xmlids[start] = value if "." in value else f"{module}.{value}"
            by_module = {}
            for xmlid in set(xmlids.values()):
                module_name, name = xmlid.split(".", 1)
                by_module.setdefault(module_name, []).append(name)
            res_ids = {}
            for module_name, names in by_module.items():
                for xml_data in (
                    self.env["ir.model.data"]
                    .sudo()
                    .search_fetch(
                        [
                            ("model", "=", self._name),
                            ("module", "=", module_name),
                            ("name", "in", names),
                        ],
                        ["module", "name", "res_id"],
                    )
                ):
                    res_ids[f"{xml_data.module}.{xml_data.name}"] = xml_data.res_id
            for start, xmlid in xmlids.items():
                if xmlid in res_ids:
                    updated[start] = res_ids[xmlid]
        return updated

    def _customer_import_existing(self, values):
        """``{key: {value: partner}}``: the active customers already holding
        one of the imported values (their own fields or contact points)."""
        existing = {key: {} for key in IMPORT_DUPLICATE_KEYS}
        Point = self.env["customer.contact.point"]
        if values["vat"]:
            # stored VAT numbers may keep spaces or dots: compare them compact
            self.env.cr.execute(
                SQL(
                    "SELECT id FROM res_partner WHERE vat IS NOT NULL AND "
                    "upper(regexp_replace(vat, '[^0-9A-Za-z]', '', 'g')) IN %s",
                    tuple(values["vat"]),
                )
            )
            candidates = [row[0] for row in self.env.cr.fetchall()]
            for partner in self.search_fetch([("id", "in", candidates)], ["vat"]):
                existing["vat"].setdefault(_compact_vat(partner.vat), partner)
        if values["fiscal_code"]:
            for partner in self.search_fetch(
                [("fiscal_code", "in", list(values["fiscal_code"]))], ["fiscal_code"]
            ):
                existing["fiscal_code"].setdefault(partner.fiscal_code, partner)
        if values["email"]:
            emails = list(values["email"])
            for partner in self.search_fetch(
                [("email_normalized", "in", emails)], ["email_normalized"]
            ):
                existing["email"].setdefault(partner.email_normalized, partner)
            for point in Point.search_fetch(
                [("kind", "=", "email"), ("value", "in", emails)],
                ["value", "partner_id"],
            ):
                existing["email"].setdefault(point.value, point.partner_id)
        if values["mobile"]:
            numbers = list(values["mobile"])
            for partner in self.search_fetch(
                ["|", ("phone_sanitized", "in", numbers), ("mobile", "in", numbers)],
                ["phone_sanitized", "mobile"],
            ):
                for number in (partner.phone_sanitized, partner.mobile):
                    if number in values["mobile"]:
                        existing["mobile"].setdefault(number, partner)
            for point in Point.search_fetch(
                [("kind", "in", ("mobile", "phone")), ("value", "in", numbers)],
                ["value", "partner_id"],
            ):
                existing["mobile"].setdefault(point.value, point.partner_id)
        return existing

    def _customer_import_duplicates(self, columns, data, keys, field_labels):
        """``{first_line: reason}`` of the rows that share a VAT, fiscal code,
        e-mail or mobile with an existing customer or an earlier row."""
        values = {key: set() for key in IMPORT_DUPLICATE_KEYS}
        for row_keys in keys.values():
            for key, value in row_keys.items():
                values[key].add(value)
        existing = self._customer_import_existing(values)
        updated = self._customer_import_updated_ids(columns, data, list(keys))
        seen = {key: {} for key in IMPORT_DUPLICATE_KEYS}
        refused = {}
        for start, row_keys in keys.items():
            problems = []
            for key, value in row_keys.items():
                partner = existing[key].get(value)
                if partner and partner.id != updated.get(start):
                    problems.append(
                        _(
                            "a customer with the same %(field)s (%(value)s) already "
                            "exists: %(customer)s.",
                            field=field_labels[key],
                            value=value,
                            customer=partner.display_name,
                        )
                    )
                elif value in seen[key]:
                    problems.append(
                        _(
                            "same %(field)s (%(value)s) as row %(row)s.",
                            field=field_labels[key],
                            value=value,
                            row=self._customer_import_row([seen[key][value]]),
                        )
                    )
            if problems:
                refused[start] = " ".join(problems)
                continue
            for key, value in row_keys.items():
                seen[key][value] = start
        return refused

    def _customer_import_interests(self, paths, columns, data, starts):
        """Interests given by name (comma-separated): found whatever their
        case, created when missing, and given to Odoo's import by id."""
        index = columns.get(("interest_group_ids",))
        if index is None:
            return
        Interest = self.env["res.partner.interest.group"]
        names = {}
        for start in starts:
            for name in str(data[start][index] or "").split(","):
                if name.strip():
                    names.setdefault(name.strip().casefold(), name.strip())
        if not names:
            return
        # a few dozen interests: read them all, compare names case-insensitively
        found = {
            interest.name.casefold(): interest.id
            for interest in Interest.search_fetch([], ["name"])
        }
        missing = [name for key, name in names.items() if key not in found]
        for interest in Interest.create([{"name": name} for name in missing]):
            found[interest.name.casefold()] = interest.id
        for start in starts:
            data[start][index] = ",".join(
                str(found[name.strip().casefold()])
                for name in str(data[start][index] or "").split(",")
                if name.strip()
            )
        paths[index] = ["interest_group_ids", ".id"]

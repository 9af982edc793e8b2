# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The public request form: anyone, logged in or not, asks for something.
Robots are kept out by a honeypot field and a signed fill-time token, and
every address by a limit of requests per hour."""

import time

from odoo import _, http
from odoo.http import request
from odoo.tools import plaintext2html
from odoo.tools.mail import email_normalize
from odoo.tools.misc import hash_sign, verify_hash_signed

from .portal import PORTAL_REQUEST_TYPES, TITLE_MAX_LENGTH

TOKEN_SCOPE = "customer_request.public_form"
# a person needs more than this to fill the form in, a robot posts at once
# (system parameter customer_request.public_form_min_seconds)
MIN_FILL_SECONDS = 5
TOKEN_VALID_HOURS = 24
# the hidden field only robots fill in
HONEYPOT = "website"
NAME_MAX_LENGTH = 128


def form_token(env, timestamp=None):
    """The signed time the form was shown (Odoo's ``hash_sign`` with the
    database secret), valid for a day."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    return hash_sign(
        env(su=True),
        TOKEN_SCOPE,
        {"shown": timestamp},
        expiration_hours=TOKEN_VALID_HOURS,
    )


def form_token_age(env, token):
    """Seconds since the form of ``token`` was shown; ``None`` when the token
    is missing, forged or expired."""
    try:
        values = verify_hash_signed(env(su=True), TOKEN_SCOPE, token or "")
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(values, dict) or not isinstance(values.get("shown"), int):
        return None
    age = time.time() - values["shown"]
    return age if age <= TOKEN_VALID_HOURS * 3600 else None


class CustomerRequestPublicForm(http.Controller):
    def _public_form_values(self, error=None, form=None):
        Request = request.env["customer.request"]
        types = dict(
            Request._fields["request_type"]._description_selection(request.env)
        )
        return {
            "page_name": "customer_request_public",
            "request_types": [(key, types[key]) for key in PORTAL_REQUEST_TYPES],
            "error": error or {},
            "form": form or {},
            "form_token": form_token(request.env),
            "honeypot": HONEYPOT,
            "customer_properties": self._public_form_properties(),
        }

    def _public_form_properties(self):
        """The customer fields the company collects online, asked of a
        visitor as of a new customer (never showing a customer's values)."""
        prospect = request.env["res.partner"].sudo().new({})
        return prospect._customer_properties_online()

    def _public_form_validate(self, form):
        error = {}
        name = (form.get("name") or "").strip()
        if not name:
            error["name"] = _("Tell us your name.")
        elif len(name) > NAME_MAX_LENGTH:
            error["name"] = _("The name is too long.")
        email = (form.get("email") or "").strip()
        mobile = (form.get("mobile") or "").strip()
        if email and not email_normalize(email):
            error["email"] = _("This e-mail address is not valid.")
        elif not email and not mobile:
            error["email"] = _("Give us an e-mail address or a mobile number.")
        if form.get("request_type") not in PORTAL_REQUEST_TYPES:
            error["request_type"] = _("Choose the kind of request.")
        title = (form.get("title") or "").strip()
        if len(title) > TITLE_MAX_LENGTH:
            error["title"] = _(
                "The subject is too long (%(max)s characters at most).",
                max=TITLE_MAX_LENGTH,
            )
        if not (form.get("description") or "").strip():
            error["description"] = _("Describe your request.")
        prospect = request.env["res.partner"].sudo().new({})
        error.update(prospect._customer_properties_parse_online(form)[1])
        return error

    def _public_form_refusal(self, message, status):
        return request.render(
            "customer_request.public_request_refused",
            {"message": message, "page_name": "customer_request_public"},
            status=status,
        )

    @http.route(
        "/requests/new", type="http", auth="public", methods=["GET"], website=True
    )
    def public_request_form(self, request_type=None, **kw):
        form = (
            {"request_type": request_type}
            if request_type in PORTAL_REQUEST_TYPES
            else {}
        )
        return request.render(
            "customer_request.public_request_form", self._public_form_values(form=form)
        )

    @http.route(
        "/requests/submit", type="http", auth="public", methods=["POST"], website=True
    )
    def public_request_submit(self, **form):
        Request = request.env["customer.request"].sudo()
        age = form_token_age(request.env, form.get("form_token"))
        min_seconds = int(
            request.env["ir.config_parameter"]
            .sudo()
            .get_param("customer_request.public_form_min_seconds", MIN_FILL_SECONDS)
        )
        if form.get(HONEYPOT) or age is None or age < min_seconds:
            return self._public_form_refusal(
                _(
                    "Your request could not be sent. Please fill in the form "
                    "again, without hurrying."
                ),
                400,
            )
        ip_address = request.httprequest.remote_addr
        if Request._public_rate_limited(ip_address):
            return self._public_form_refusal(
                _(
                    "Too many requests were sent from your connection in the last "
                    "hour. Please try again later or call us."
                ),
                429,
            )
        error = self._public_form_validate(form)
        if error:
            return request.render(
                "customer_request.public_request_form",
                self._public_form_values(error=error, form=form),
            )
        prospect = request.env["res.partner"].sudo().new({})
        properties = prospect._customer_properties_parse_online(form)[0]
        Request._create_from_public_form(
            {
                "name": form["name"].strip(),
                "email": email_normalize(form.get("email") or "") or False,
                "mobile": (form.get("mobile") or "").strip() or False,
                "request_type": form["request_type"],
                "title": (form.get("title") or "").strip(),
                "description": plaintext2html(form["description"].strip()),
            },
            properties,
            ip_address,
        )
        return request.render(
            "customer_request.public_request_thanks",
            {"page_name": "customer_request_public"},
        )

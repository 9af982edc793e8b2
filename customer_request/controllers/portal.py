# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request
from odoo.tools import plaintext2html

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

# the request types a customer may choose on the portal form
PORTAL_REQUEST_TYPES = ("commercial", "support", "reminder", "meeting", "other")
TITLE_MAX_LENGTH = 200


class CustomerRequestPortal(CustomerPortal):
    """The customer's own requests on the portal: list, page with chatter,
    and a form to submit a new one."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "customer_request_count" in counters:
            Request = request.env["customer.request"]
            values["customer_request_count"] = (
                Request.search_count([]) if Request.has_access("read") else 0
            )
        return values

    def _customer_request_searchbar_sortings(self):
        return {
            "date": {"label": _("Newest"), "order": "date_received desc, id desc"},
            "name": {"label": _("Reference"), "order": "name desc"},
            "stage": {"label": _("Stage"), "order": "stage_id, id desc"},
        }

    def _customer_request_searchbar_filters(self):
        return {
            "all": {"label": _("All"), "domain": []},
            "open": {"label": _("Open"), "domain": [("closed", "=", False)]},
            "closed": {"label": _("Closed"), "domain": [("closed", "=", True)]},
        }

    @http.route(
        ["/my/requests", "/my/requests/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_customer_requests(self, page=1, sortby=None, filterby=None, **kw):
        Request = request.env["customer.request"]
        if not Request.has_access("read"):
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        sortings = self._customer_request_searchbar_sortings()
        filters = self._customer_request_searchbar_filters()
        sortby = sortby if sortby in sortings else "date"
        filterby = filterby if filterby in filters else "all"
        domain = filters[filterby]["domain"]
        pager = portal_pager(
            url="/my/requests",
            url_args={"sortby": sortby, "filterby": filterby},
            total=Request.search_count(domain),
            page=page,
            step=self._items_per_page,
        )
        customer_requests = Request.search(
            domain,
            order=sortings[sortby]["order"],
            limit=self._items_per_page,
            offset=pager["offset"],
        )
        request.session["my_customer_requests_history"] = customer_requests.ids[:100]
        values.update(
            {
                "customer_requests": customer_requests,
                "page_name": "customer_request",
                "default_url": "/my/requests",
                "pager": pager,
                "searchbar_sortings": sortings,
                "sortby": sortby,
                "searchbar_filters": filters,
                "filterby": filterby,
            }
        )
        return request.render("customer_request.portal_my_customer_requests", values)

    @http.route(
        ["/my/requests/<int:request_id>"], type="http", auth="public", website=True
    )
    def portal_my_customer_request(self, request_id, access_token=None, **kw):
        try:
            request_sudo = self._document_check_access(
                "customer.request", request_id, access_token=access_token
            )
        except (AccessError, MissingError):
            return request.redirect("/my")
        # access checked just above: the token is needed by the portal chatter
        request_sudo._portal_ensure_token()
        values = self._get_page_view_values(
            request_sudo,
            access_token,
            {"page_name": "customer_request", "customer_request": request_sudo},
            "my_customer_requests_history",
            False,
            **kw,
        )
        return request.render("customer_request.portal_customer_request_page", values)

    def _customer_request_form_values(self, error=None, form=None):
        Request = request.env["customer.request"]
        types = dict(
            Request._fields["request_type"]._description_selection(request.env)
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "customer_request_new",
                "request_types": [(key, types[key]) for key in PORTAL_REQUEST_TYPES],
                "error": error or {},
                "form": form or {},
                "customer_properties": self._customer_request_missing_properties(),
            }
        )
        return values

    def _customer_request_missing_properties(self):
        """The customer fields the company collects online that the customer
        has not given yet: asked on the request form too (like an address
        asked when booking), required ones enforced."""
        partner = request.env.user.partner_id
        return [
            prop
            for prop in partner._customer_properties_online()
            if not prop["input_text"]
        ]

    def _customer_request_parse_properties(self, form):
        names = {prop["name"] for prop in self._customer_request_missing_properties()}
        if not names:
            return {}, {}
        return request.env.user.partner_id._customer_properties_parse_online(
            form, names=names
        )

    def _customer_request_validate(self, form):
        """Server-side checks of the portal form; returns the errors by field."""
        error = {}
        title = (form.get("title") or "").strip()
        if not title:
            error["title"] = _("Tell us in a few words what your request is about.")
        elif len(title) > TITLE_MAX_LENGTH:
            error["title"] = _(
                "The subject is too long (%(max)s characters at most).",
                max=TITLE_MAX_LENGTH,
            )
        if form.get("request_type") not in PORTAL_REQUEST_TYPES:
            error["request_type"] = _("Choose the kind of request.")
        if not (form.get("description") or "").strip():
            error["description"] = _("Describe your request.")
        error.update(self._customer_request_parse_properties(form)[1])
        return error

    def _customer_request_prepare_values(self, form):
        partner = request.env.user.partner_id
        return {
            "partner_id": partner.id,
            "title": form["title"].strip(),
            "request_type": form["request_type"],
            "description": plaintext2html(form["description"].strip()),
            "channel": "web",
            "company_id": (partner.company_id or request.env.company).id,
        }

    @http.route(
        ["/my/requests/new"],
        type="http",
        auth="user",
        methods=["GET"],
        website=True,
    )
    def portal_new_customer_request(self, request_type=None, **kw):
        """The form; ``?request_type=meeting`` (the link of the "Book your
        next appointment" e-mail) chooses the type beforehand."""
        if not request.env["customer.request"].has_access("read"):
            return request.redirect("/my")
        form = (
            {"request_type": request_type}
            if request_type in PORTAL_REQUEST_TYPES
            else {}
        )
        return request.render(
            "customer_request.portal_new_customer_request",
            self._customer_request_form_values(form=form),
        )

    @http.route(
        ["/my/requests/submit"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_submit_customer_request(self, **form):
        if not request.env["customer.request"].has_access("read"):
            return request.redirect("/my")
        error = self._customer_request_validate(form)
        if error:
            return request.render(
                "customer_request.portal_new_customer_request",
                self._customer_request_form_values(error=error, form=form),
            )
        # portal users may not create requests through the ORM: the values are
        # validated above and the customer is forced to the logged-in user
        properties = self._customer_request_parse_properties(form)[0]
        request.env.user.partner_id._customer_properties_save_online(properties)
        customer_request = (
            request.env["customer.request"]
            .sudo()
            .create(self._customer_request_prepare_values(form))
        )
        customer_request.message_subscribe(partner_ids=request.env.user.partner_id.ids)
        return request.redirect(customer_request.get_portal_url())

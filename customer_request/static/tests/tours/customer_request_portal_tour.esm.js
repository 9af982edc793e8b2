/** @odoo-module */
/* Copyright 2026 Customer Communication Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("customer_request_portal_submit_tour", {
    steps: () => [
        {
            content: "From the list of my requests, send a new one",
            trigger: "a.o_customer_request_new",
            run: "click",
        },
        {
            content: "It is a meeting request",
            trigger: "select[name=request_type]",
            run: "select meeting",
        },
        {
            trigger: "input[name=title]",
            run: "edit Appuntamento per il tagliando",
        },
        {
            trigger: "textarea[name=description]",
            run: "edit Vorrei fissare un appuntamento la prossima settimana.",
        },
        {
            content: "Send it",
            trigger: ".o_customer_request_portal_form button[type=submit]",
            run: "click",
        },
        {
            content: "The request page shows the new reference and the chatter",
            trigger: ".o_customer_request_portal:contains(REQ/):contains(Appuntamento per il tagliando)",
        },
        {
            trigger: ".o_portal_chatter #chatterRoot",
        },
    ],
});

// the "Book your next appointment" link: the type is chosen, and the details
// the company collects online that the customer has not given are asked
registry.category("web_tour.tours").add("customer_request_portal_booking_tour", {
    steps: () => [
        {
            content: "The form opens as a meeting request",
            trigger: "select[name=request_type]:has(option[value=meeting]:selected)",
        },
        {
            trigger: "input[name=title]",
            run: "edit Visita a domicilio",
        },
        {
            trigger: "textarea[name=description]",
            run: "edit Potete passare giovedì mattina?",
        },
        {
            content: "The company asks where to come",
            trigger:
                ".o_customer_request_properties input[name=customer_property_t_address_visit]",
            run: "edit Via Po 3, Torino",
        },
        {
            trigger: ".o_customer_request_portal_form button[type=submit]",
            run: "click",
        },
        {
            trigger: ".o_customer_request_portal:contains(REQ/):contains(Visita a domicilio)",
        },
        {
            content: "The chatter is loaded (the tour must not end during its lazy load)",
            trigger: ".o_portal_chatter #chatterRoot",
        },
    ],
});

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
            trigger: ".o_portal_chatter",
        },
    ],
});

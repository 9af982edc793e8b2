/** @odoo-module */
/* Copyright 2026 Customer Communication Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("customer_request_public_form_tour", {
    steps: () => [
        {
            content: "A visitor, not logged in, fills in the public form",
            trigger: ".o_customer_request_public_form input[name=name]",
            run: "edit Marco Rossi",
        },
        {
            trigger: "input[name=email]",
            run: "edit marco.rossi@example.it",
        },
        {
            content: "The form fits the phone's screen",
            trigger: ".o_customer_request_public_form",
            run() {
                const form = document.querySelector(".o_customer_request_public_form");
                if (form.scrollWidth > window.innerWidth) {
                    throw new Error("The form is wider than the phone's screen");
                }
            },
        },
        {
            trigger: "select[name=request_type]",
            run: "select support",
        },
        {
            trigger: "input[name=title]",
            run: "edit Tagliando",
        },
        {
            trigger: "textarea[name=description]",
            run: "edit Vorrei prenotare il tagliando.",
        },
        {
            content: "The customer fields the company collects online are asked too",
            trigger: "input[name=customer_property_ccs_bike_model]",
            run: "edit Bianchi Aria",
        },
        {
            content: "A person takes a few seconds",
            trigger: ".o_customer_request_public_form button[type=submit]",
            run: () => new Promise((resolve) => setTimeout(resolve, 2500)),
        },
        {
            content: "Send it",
            trigger: ".o_customer_request_public_form button[type=submit]",
            run: "click",
        },
        {
            content: "Thanked, nothing more shown",
            trigger: ".o_customer_request_public_thanks",
        },
    ],
});

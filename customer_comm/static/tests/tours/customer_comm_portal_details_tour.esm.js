/** @odoo-module */
/* Copyright 2026 Customer Communication Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {registry} from "@web/core/registry";

// a customer completes the details the company collects online
registry.category("web_tour.tours").add("customer_comm_portal_details_tour", {
    steps: () => [
        {
            content: "The portal asks for the missing details",
            trigger: ".o_customer_missing_details:contains(Bike model, Frame size)",
        },
        {
            trigger: ".o_customer_missing_details a[href='/my/account']",
            run: "click",
        },
        {
            trigger: "input[name=customer_property_t_bike]",
            run: "edit Cinelli Vigorelli",
        },
        {
            trigger: "input[name=customer_property_t_frame]",
            run: "edit 55",
        },
        {
            trigger: "select[name=customer_property_t_time]",
            run: "select evening",
        },
        {
            trigger: ".o_portal_details button[type=submit]",
            run: "click",
        },
        {
            content: "Back on the portal home, nothing is missing any more",
            trigger: ".o_portal_my_home",
        },
        {
            trigger: "body:not(:has(.o_customer_missing_details))",
        },
    ],
});

/** @odoo-module */
/* Copyright 2026 Customer Communication Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {registry} from "@web/core/registry";

function decide(lineName, decision) {
    return {
        content: `${lineName}: ${decision}`,
        trigger: `.o_repair_offer_line:contains(${lineName}) label.o_decision_${decision}`,
        run: "click",
    };
}

registry.category("web_tour.tours").add("workshop_offer_portal_tour", {
    steps: () => [
        {
            content: "The workshop's note is shown",
            trigger: ".o_offer_note:contains(See you soon)",
        },
        decide("Brake pads", "fix"),
        decide("New chain", "fix"),
        decide("Full service", "no_fix"),
        {
            content: "Confirm the order",
            trigger: ".o_offer_confirm",
            run: "click",
        },
        {
            content: "The page is now read-only and thanks the customer",
            trigger: ".alert-success:contains(Thank you)",
        },
        {
            trigger: ".o_repair_offer:not(:has(.o_offer_confirm))",
        },
    ],
});

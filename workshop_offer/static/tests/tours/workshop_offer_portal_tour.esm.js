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
            content: "The welcome dialog shows the workshop's note",
            trigger: ".o_offer_welcome .o_offer_welcome_note:contains(See you soon, Anna!)",
        },
        {
            content: "Close the welcome dialog",
            trigger: ".o_offer_welcome_close",
            run: "click",
        },
        {
            content: "The note stays on the page",
            trigger: ".o_offer_note_inline:contains(See you soon, Anna!)",
        },
        {
            content: "Initial interventions come first, optional ones below",
            trigger:
                "h2:contains(Required interventions) ~ .o_repair_offer_line:contains(Brake pads) ~ h2:contains(Recommended interventions) ~ .o_repair_offer_line:contains(Full service)",
        },
        decide("Brake pads", "fix"),
        {
            content: "The accepted total follows the answers",
            trigger: ".o_amount_accepted_live:contains(40.00)",
        },
        decide("New chain", "no_fix"),
        decide("Full service", "contact"),
        {
            trigger: ".o_amount_accepted_live:contains(40.00)",
        },
        {
            content: "Nothing left to decide",
            trigger: ".o_repair_offer:has(.o_offer_undecided_box.d-none)",
        },
        {
            content: "Accept the required condition",
            trigger: ".o_offer_conditions label:contains(Parts kept 30 days)",
            run: "click",
        },
        {
            content: "Type the name that confirms the answers",
            trigger: "input[name=accepted_by_name]",
            run: "edit Anna Galli",
        },
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
            content: "It shows what was decided",
            trigger:
                ".o_repair_offer_line:contains(New chain) .o_decision_value_no_fix",
        },
        {
            trigger: ".o_repair_offer:not(:has(.o_offer_confirm))",
        },
        {
            content: "The page shows who confirmed",
            trigger: ".o_offer_accepted_proof:contains(Anna Galli)",
        },
    ],
});

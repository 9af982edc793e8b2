/** @odoo-module */
/* Copyright 2026 Customer Communication Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("workshop_offer_photos_tour", {
    steps: () => [
        {
            content: "The urgent intervention leads the page",
            trigger:
                ".o_repair_offer form h2.o_offer_section_urgent + .o_repair_offer_line.o_offer_severity_urgent:contains(New chain)",
        },
        {
            content: "Nothing to decide comes before it",
            trigger:
                ".o_repair_offer form:not(:has(.o_repair_offer_line ~ h2.o_offer_section_urgent))",
        },
        {
            content: "The checked, fine item has its own section, without answers",
            trigger:
                ".o_offer_section_fine ~ .o_repair_offer_fine:contains(Full service):not(:has(input))",
        },
        {
            content: "Open the photo of the chain",
            trigger: ".o_repair_offer_line:contains(New chain) .o_offer_media_open",
            run: "click",
        },
        {
            content: "The full-size photo is shown, described by the intervention",
            trigger:
                ".o_offer_media_modal.show img.o_offer_media_full[alt='New chain'][src*='/1920?']",
        },
        {
            content: "Close the full-size view",
            trigger: ".o_offer_media_modal.show .o_offer_media_close",
            run: "click",
        },
        {
            trigger: "body:not(:has(.o_offer_media_modal.show))",
        },
        {
            content: "Decide the urgent intervention first",
            trigger: ".o_repair_offer_line:contains(New chain) label.o_decision_fix",
            run: "click",
        },
        {
            trigger: ".o_amount_accepted_live:contains(30.00)",
        },
        {
            content: "Then the one to plan soon",
            trigger: ".o_repair_offer_line:contains(Brake pads) label.o_decision_no_fix",
            run: "click",
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
            trigger: "input[name=accepted_by_name]",
            run: "edit Anna Galli",
        },
        {
            content: "Confirm",
            trigger: ".o_offer_confirm",
            run: "click",
        },
        {
            trigger: ".alert-success:contains(Thank you)",
        },
    ],
});

/** @odoo-module */
/* Copyright 2026 Customer Communication Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("workshop_offer_send_tour", {
    steps: () => [
        {
            content: "Send offer from the repair order",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_send_offer]",
            run: "click",
        },
        {
            content: "The opted-out driver is greyed out and cannot be chosen",
            trigger:
                ".modal .o_repair_offer_recipients tr.text-muted:contains(otto@neri.example):not(:has(button[name=action_choose]))",
        },
        {
            content: "The customer's e-mail is preselected",
            trigger: ".modal div[name=recipient_id] input:value(carla@example.com (Carla Neri, Owner))",
        },
        {
            content: "Write a note for the customer",
            trigger: ".modal div[name=note] textarea",
            run: "edit Ready on Friday",
        },
        {
            content: "Review an intervention",
            trigger: ".modal div[name=line_ids] .o_data_row:contains(Brake pads)",
        },
        {
            content: "Send",
            trigger: ".modal footer button[name=action_send]",
            run: "click",
        },
        {
            content: "The offer status shows it was sent",
            trigger:
                ".o_repair_offer_status .o_arrow_button_current:contains(Sent, not viewed)",
        },
    ],
});

registry.category("web_tour.tours").add("workshop_offer_authorise_tour", {
    steps: () => [
        {
            content: "The customer confirmed",
            trigger:
                ".o_repair_offer_status .o_arrow_button_current:contains(Confirmed by customer)",
        },
        {
            content: "Authorise the lines as the customer answered",
            trigger:
                ".o_form_view .o_statusbar_buttons button[name=action_authorise_offer_answers]",
            run: "click",
        },
        {
            trigger:
                ".o_form_view:not(:has(.o_statusbar_buttons button[name=action_authorise_offer_answers]))",
        },
        {
            content: "Open the offer",
            trigger: ".oe_stat_button[name=action_view_offers]",
            run: "click",
        },
        {
            content: "Each line shows the answer with its icon and the authorisation",
            trigger:
                ".o_data_row:contains(Brake pads):has(.o_offer_answer[data-answer=fix] .fa-wrench):has(.fa-thumbs-up.text-success)",
        },
        {
            trigger:
                ".o_data_row:contains(New chain):has(.o_offer_answer[data-answer=no_fix]):has(.fa-thumbs-down.text-danger)",
        },
        {
            content: "Contact me waits for the advisor",
            trigger:
                ".o_data_row:contains(Full service):has(.o_offer_answer[data-answer=contact] .fa-phone):not(:has(.fa-thumbs-up.text-success))",
        },
    ],
});

/** @odoo-module */
/* Copyright 2026 Customer Communication Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("customer_comm_composer_tour", {
    steps: () => [
        {
            content: "Contact the customer",
            trigger: ".o_form_view button[name=action_open_customer_composer]",
            run: "click",
        },
        {
            content: "The contact preference is shown",
            trigger: ".modal div[name=preferred_channel]:contains(SMS)",
        },
        {
            content: "Pick SMS",
            trigger: ".modal div[name=channel] input[data-value=sms]",
            run: "click",
        },
        {
            content: "Apply a template",
            trigger: ".modal div[name=sms_template_id] input",
            run: "edit Appointment",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains(Appointment reminder)",
            run: "click",
        },
        {
            content: "Formal greeting",
            trigger: ".modal div[name=greeting_style] input[data-value=formal]",
            run: "click",
        },
        {
            content: "Go to the compose step",
            trigger: ".modal .nav-link:contains(2. Compose)",
            run: "click",
        },
        {
            content: "The greeting reminder is formal",
            trigger: ".modal .o_customer_comm_reminder:contains(Dear Mr. Doe)",
        },
        {
            content: "The SMS starts with the greeting and counts its length",
            trigger: ".modal div[name=sms_body] textarea",
            run({anchor}) {
                if (!anchor.value.startsWith("Dear Mr. Doe,")) {
                    throw new Error(`unexpected SMS: ${anchor.value}`);
                }
            },
        },
        {
            trigger: ".modal div[name=sms_body] .o_sms_container",
        },
        {
            content: "Send",
            trigger: ".modal footer button[name=action_send]",
            run: "click",
        },
        {
            content: "Sent, with a clear feedback",
            trigger: ".modal .o_customer_comm_feedback:contains(SMS to +393471112222 queued)",
        },
        {
            content: "Open the history",
            trigger: ".modal .nav-link:contains(3. History)",
            run: "click",
        },
        {
            content: "The SMS is at the top",
            trigger:
                ".modal div[name=history_ids] .o_data_row:first:contains(Appointment reminder):contains(SMS)",
        },
        {
            content: "Expand it",
            trigger: ".modal div[name=history_ids] .o_data_row:first td[name=subject]",
            run: "click",
        },
        {
            content: "The row opens on the full content",
            trigger: ".modal .o_customer_comm_body:contains(Dear Mr. Doe)",
        },
    ],
});

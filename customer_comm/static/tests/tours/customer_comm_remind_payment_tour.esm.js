/** @odoo-module */
/* Copyright 2026 Customer Communication Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("customer_comm_remind_payment_tour", {
    steps: () => [
        {
            content: "Contact is the card's main action: primary, in the header",
            trigger:
                ".o_form_view .o_form_statusbar button.btn-primary[name=action_open_customer_composer]",
        },
        {
            content: "not among the counts of the button box",
            trigger:
                ".o_form_view .o-form-buttonbox:not(:has([name=action_open_customer_composer]))",
        },
        {
            content: "Our buttons come first in the button box",
            trigger:
                ".o-form-buttonbox > button:first-child[name=action_view_card_overdue_invoices]:contains(1)",
        },
        {
            content: "Odoo's own come after ours",
            trigger:
                ".o-form-buttonbox > button[name=action_view_card_documents] ~ button[name=action_view_partner_invoices]",
        },
        {
            content: "Remind the payment in one click",
            trigger: ".o_form_view button[name=action_customer_comm_remind_payment]",
            run: "click",
        },
        {
            content: "The composer opens as an e-mail",
            trigger: ".modal div[name=channel] input[data-value=email]:checked",
        },
        {
            content: "with the payment reminder applied",
            trigger: ".modal div[name=mail_template_id] input",
            run({anchor}) {
                if (anchor.value !== "Payment reminder") {
                    throw new Error(`unexpected template: ${anchor.value}`);
                }
            },
        },
        {
            content: "Go to the compose step",
            trigger: ".modal .nav-link:contains(2. Compose)",
            run: "click",
        },
        {
            content: "The content greets the customer and lists the overdue invoice",
            trigger:
                ".modal div[name=body]:contains(Ciao Mario) .o_customer_comm_overdue td:contains(INV/)",
        },
        {
            content: "Send",
            trigger: ".modal footer button[name=action_send]:contains(Send)",
            run: "click",
        },
        {
            content: "Sent, with a clear feedback",
            trigger:
                ".modal .o_customer_comm_feedback:contains(E-mail sent to mario.greco@example.it)",
        },
        {
            content: "Open the history",
            trigger: ".modal .nav-link:contains(3. History)",
            run: "click",
        },
        {
            content: "The reminder is at the top",
            trigger:
                ".modal div[name=history_ids] .o_data_row:first:contains(mario.greco@example.it)",
        },
    ],
});

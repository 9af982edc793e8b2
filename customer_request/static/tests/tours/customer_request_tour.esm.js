/** @odoo-module */
/* Copyright 2026 Customer Communication Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("customer_request_create_tour", {
    steps: () => [
        {
            content: "The board shows the helpdesk stages as columns",
            trigger: ".o_kanban_group .o_column_title:contains(In Progress)",
        },
        {
            content: "Record a new request",
            trigger: ".o-kanban-button-new",
            run: "click",
        },
        {
            content: "Choose the customer",
            trigger: ".o_field_widget[name=partner_id] input",
            run: "edit Luca Ferrari",
        },
        {
            trigger: ".ui-autocomplete .ui-menu-item a:contains(Luca Ferrari)",
            run: "click",
        },
        {
            content: "It is a support request",
            trigger: ".o_field_widget[name=request_type] select",
            run: 'select "support"',
        },
        {
            content: "Save it: it starts in the first stage",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(New)",
        },
        {
            content: "Moving it without a responsible is refused",
            trigger: ".o_statusbar_status button:contains(In Progress)",
            run: "click",
        },
        {
            trigger: ".modal:contains(has no responsible)",
        },
        {
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "Take it in charge",
            trigger: ".o_field_widget[name=user_id] input",
            run: "edit Paola Verdi",
        },
        {
            trigger: ".ui-autocomplete .ui-menu-item a:contains(Paola Verdi)",
            run: "click",
        },
        {
            content: "It has its reference",
            trigger: ".o_field_widget[name=name]:contains(REQ/)",
        },
        {
            content: "Now it moves: the stage chosen is saved with the responsible",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Back to the board",
            trigger: ".o_breadcrumb .o_back_button a, .breadcrumb-item a:contains(Requests)",
            run: "click",
        },
        {
            content: "The request is in its new column",
            trigger:
                ".o_kanban_group:contains(In Progress) .o_kanban_record:contains(Luca Ferrari)",
        },
    ],
});

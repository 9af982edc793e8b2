/** @odoo-module */
/* Copyright 2026 Customer Communication Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {registry} from "@web/core/registry";

// an administrator makes a customer field required and collected online
registry.category("web_tour.tours").add("customer_comm_property_flags_tour", {
    steps: () => [
        {
            content: "The required field of the company is marked on the card",
            trigger:
                ".o_property_field[property-name=t_bike] .o_customer_property_required",
        },
        {
            trigger:
                ".o_property_field[property-name=t_bike] .o_customer_property_online",
        },
        {
            content: "The staff-only field has no mark yet",
            trigger:
                ".o_property_field[property-name=t_card] label:not(:has(.o_customer_property_required))",
        },
        {
            // the pencil shows on mouse hover only (CSS :hover, opacity 0)
            content: "Edit the definition of the loyalty card",
            trigger:
                ".o_property_field[property-name=t_card] .o_field_property_open_popover:not(:visible)",
            run: "click",
        },
        {
            content: "Mark it required",
            trigger: ".o_field_property_definition_required input[type=checkbox]",
            run: "click",
        },
        {
            content: "and collected online",
            trigger: ".o_field_property_definition_collect_online input[type=checkbox]",
            run: "click",
        },
        {
            trigger: ".o_field_property_definition_collect_online input:checked",
        },
        {
            content: "Close the editor",
            trigger: ".o_form_view .o_field_widget[name=name]",
            run: "click",
        },
        {
            trigger: "body:not(:has(.o_field_property_definition))",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The field is now marked, and missing on this customer",
            trigger:
                ".o_property_field[property-name=t_card] .o_customer_property_required",
        },
        {
            trigger: ".o_customer_missing_details:contains(Loyalty card)",
        },
    ],
});

/** @odoo-module */
/* Copyright 2026 Customer Communication Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {addPoint} from "@customer_comm/../tests/tours/tour_steps.esm";
import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("customer_comm_contact_points_tour", {
    steps: () => [
        {
            content: "Open the contact points",
            trigger: ".o_notebook .nav-link:contains(Contact points)",
            run: "click",
        },
        ...addPoint("mobile", "347 123 4567", "Workshop"),
        ...addPoint("email", "info@moretti.example.it", "Info"),
        {
            content: "This address accepts campaigns",
            trigger:
                ".o_field_widget[name=contact_point_ids] .o_selected_row [name=marketing_consent] input",
            run: "click",
        },
        ...addPoint("email", "office@moretti.example.it", "Office"),
        {
            content: "Add an existing interest",
            trigger: ".o_field_widget[name=interest_group_ids] input",
            run: "edit Vintage",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains(Vintage motorbikes)",
            run: "click",
        },
        {
            content: "Create a new interest inline",
            trigger: ".o_field_widget[name=interest_group_ids] input",
            run: "edit Cargo bikes",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains(Create)",
            run: "click",
        },
        {
            content: "The new interest is a tag of the customer (created on the server)",
            trigger: ".o_field_widget[name=interest_group_ids] .o_tag:contains(Cargo bikes)",
        },
        ...stepUtils.saveForm(),
        {
            content: "The mobile is shown normalised",
            trigger: ".o_field_widget[name=contact_point_ids] td:contains(+393471234567)",
        },
        {
            content: "The consent is shown",
            trigger:
                ".o_field_widget[name=contact_point_ids] tr:contains(info@moretti.example.it) [name=marketing_consent] input:checked",
        },
        {
            content: "Nothing left unsaved",
            trigger: ".o_form_view .o_form_saved",
        },
    ],
});

/** @odoo-module */
/* Copyright 2026 Customer Communication Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {POINTS, addPoint} from "@customer_comm/../tests/tours/tour_steps.esm";
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("customer_comm_new_company_tour", {
    steps: () => [
        {
            content: "Create a customer from the Customers list",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "It is a company",
            trigger: ".o_field_widget[name=company_type] input[data-value=company]",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=name] input",
            run: "edit Officina Galli S.n.c.",
        },
        {
            content: "Type the city: the completion proposes it with its province",
            trigger: ".o_field_widget[name=zip_id] input",
            run: "edit Milano",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains(20121 Milano (MI))",
            run: "click",
        },
        {
            content: "ZIP, province and country are filled",
            trigger: ".o_field_widget[name=zip] input:value(20121)",
        },
        {
            trigger: ".o_field_widget[name=country_id] input:value(Italy)",
        },
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
            run: "edit Track days",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains(Create)",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=interest_group_ids] .o_tag:contains(Track days)",
        },
        {
            content: "Open the contact points",
            trigger: ".o_notebook .nav-link:contains(Contact points)",
            run: "click",
        },
        ...addPoint("mobile", "347 123 4567", "Workshop"),
        ...addPoint("email", "info@galli.example.it", "Info"),
        {
            content: "This address accepts campaigns",
            trigger: `${POINTS} .o_selected_row [name=marketing_consent] input`,
            run: "click",
        },
        ...addPoint("email", "amministrazione@galli.example.it", "Accounting"),
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The mobile is shown normalised (E.164)",
            trigger: `.o_form_saved ${POINTS} td:contains(+393471234567)`,
        },
        {
            content: "The consent is shown",
            trigger: `${POINTS} tr:contains(info@galli.example.it) [name=marketing_consent] input:checked`,
        },
        {
            trigger: `${POINTS} tr:contains(amministrazione@galli.example.it) [name=marketing_consent] input:not(:checked)`,
        },
        {
            content: "Go on to the company's legal representative",
            trigger: ".o_notebook .nav-link:contains(Legal representation)",
            run: "click",
        },
        {
            trigger: "button[name=action_create_legal_representative]",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=firstname] input",
            run: "edit Paolo",
        },
        {
            trigger: ".modal .o_field_widget[name=lastname] input",
            run: "edit Galli",
        },
        {
            trigger: ".modal .o_field_widget[name=l10n_it_codice_fiscale] input",
            run: "edit RSSMRA85T10A562S",
        },
        {
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The new person is the company's representative",
            trigger:
                "body:not(:has(.modal)) .o_field_widget[name=legal_representative_id] input:value(Paolo Galli)",
        },
    ],
});

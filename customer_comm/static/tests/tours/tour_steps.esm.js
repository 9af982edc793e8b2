/** @odoo-module */
/* Copyright 2026 Customer Communication Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

export const POINTS = ".o_field_widget[name=contact_point_ids]";

/**
 * The steps adding a contact point (kind, value, label) in the customer form.
 */
export function addPoint(kind, value, label) {
    return [
        {
            content: `Add a ${kind}`,
            trigger: `${POINTS} .o_field_x2many_list_row_add a`,
            run: "click",
        },
        {
            // the new, empty row is the selected one: on a loaded machine the
            // previous row may still be selected while it is being saved, and
            // the next steps would write into it
            content: `The new ${kind} row is open`,
            trigger: `${POINTS} .o_selected_row [name=value] input:value(/^$/)`,
        },
        {
            trigger: `${POINTS} .o_selected_row [name=kind] select`,
            run: `select "${kind}"`,
        },
        {
            trigger: `${POINTS} .o_selected_row [name=label] input`,
            run: `edit ${label}`,
        },
        {
            trigger: `${POINTS} .o_selected_row [name=value] input`,
            run: `edit ${value}`,
        },
    ];
}

/** @odoo-module */
/* Copyright 2026 Customer Communication Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {Component} from "@odoo/owl";
import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";
import {standardFieldProps} from "@web/views/fields/standard_field_props";

const ICONS = {
    fix: "fa-wrench text-success",
    no_fix: "fa-ban text-danger",
    contact: "fa-phone text-warning",
    later: "fa-clock-o text-info",
};

/**
 * The customer's answer to an intervention, as an icon with its label:
 * fix it (wrench), don't fix (ban), contact me (phone), later (clock).
 */
export class OfferAnswerField extends Component {
    static template = "workshop_offer.OfferAnswerField";
    static props = {...standardFieldProps};

    get value() {
        return this.props.record.data[this.props.name];
    }

    get iconClass() {
        return ICONS[this.value] || "";
    }

    get label() {
        const selection = this.props.record.fields[this.props.name].selection;
        const option = selection.find(([key]) => key === this.value);
        return option ? option[1] : "";
    }
}

registry.category("fields").add("offer_answer", {
    component: OfferAnswerField,
    displayName: _t("Customer answer"),
    supportedTypes: ["selection"],
});

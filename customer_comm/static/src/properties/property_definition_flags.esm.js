/* Copyright 2026 Customer Communication Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {PropertyDefinition} from "@web/views/fields/properties/property_definition";
import {patch} from "@web/core/utils/patch";

// the types that can be required / collected online (see
// customer_comm/tools/customer_properties.py, which enforces the same)
export const REQUIRED_TYPES = [
    "char",
    "integer",
    "float",
    "date",
    "datetime",
    "selection",
    "many2one",
    "many2many",
    "tags",
];
export const ONLINE_TYPES = ["char", "integer", "float", "boolean", "date", "selection"];

/**
 * The customer fields of a company (the properties of a customer) have two
 * more settings: "Required" and "Collect online". The property editor shows
 * them when the properties field is given the context key
 * `customer_property_flags`.
 */
patch(PropertyDefinition.prototype, {
    get customerPropertyFlags() {
        return Boolean(this.props.context && this.props.context.customer_property_flags);
    },
    get canBeRequired() {
        return REQUIRED_TYPES.includes(this.state.propertyDefinition.type);
    },
    get canBeCollectedOnline() {
        return ONLINE_TYPES.includes(this.state.propertyDefinition.type);
    },
    _onCustomerFlagChange(key, newValue) {
        const propertyDefinition = {
            ...this.state.propertyDefinition,
            [key]: newValue,
        };
        this.props.onChange(propertyDefinition);
        this.state.propertyDefinition = propertyDefinition;
    },
    onCustomerRequiredChange(newValue) {
        this._onCustomerFlagChange("required", newValue);
    },
    onCustomerCollectOnlineChange(newValue) {
        this._onCustomerFlagChange("collect_online", newValue);
    },
});

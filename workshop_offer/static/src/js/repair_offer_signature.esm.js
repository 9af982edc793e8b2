/** @odoo-module */
/* Copyright 2026 Customer Communication Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

// Odoo's portal signature widget must be registered first
import "@portal/signature_form/signature_form";
import {registry} from "@web/core/registry";

const SignatureForm = registry.category("public_components").get("portal.signature_form");

/**
 * Odoo's portal signature widget (name and drawn signature), as sale's
 * quotation page shows it; its "Confirm and sign" button sends the offer's own
 * form with the answers, the conditions, the name and the signature, so that
 * the server checks them all in one request.
 */
export class RepairOfferSignatureForm extends SignatureForm {
    async onClickSubmit() {
        const form = document.querySelector("form.o_repair_offer_form");
        form.querySelector("input[name=accepted_by_name]").value = this.signature.name || "";
        form.querySelector("input[name=signature]").value = this.signature
            .getSignatureImage()
            .split(",")[1];
        form.submit();
        // the page is left
        return new Promise(() => {});
    }
}

registry
    .category("public_components")
    .add("workshop_offer.signature_form", RepairOfferSignatureForm);

/** @odoo-module */
/* Copyright 2026 Customer Communication Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {registry} from "@web/core/registry";

function decide(lineName, decision) {
    return {
        content: `${lineName}: ${decision}`,
        trigger: `.o_repair_offer_line:contains(${lineName}) label.o_decision_${decision}`,
        run: "click",
    };
}

/**
 * A stroke drawn with the mouse on the signature pad's canvas, as a person
 * signs: pointer down, a few moves, pointer up.
 */
function drawSignature() {
    const canvas = this.anchor;
    const rect = canvas.getBoundingClientRect();
    const pointer = (type, x, y, target = canvas) =>
        target.dispatchEvent(
            new PointerEvent(type, {
                bubbles: true,
                cancelable: true,
                pointerId: 1,
                pointerType: "mouse",
                isPrimary: true,
                button: 0,
                buttons: type === "pointerup" ? 0 : 1,
                pressure: type === "pointerup" ? 0 : 0.5,
                clientX: rect.left + x,
                clientY: rect.top + y,
            })
        );
    const top = rect.height / 2;
    pointer("pointerdown", 20, top);
    for (let step = 1; step <= 10; step++) {
        pointer("pointermove", 20 + step * 20, top + (step % 2 ? -15 : 15));
    }
    pointer("pointerup", 220, top, canvas.ownerDocument);
}

registry.category("web_tour.tours").add("workshop_offer_portal_sign_tour", {
    steps: () => [
        {
            content: "Close the welcome dialog",
            trigger: ".o_offer_welcome_close",
            run: "click",
        },
        decide("Brake pads", "fix"),
        decide("New chain", "no_fix"),
        decide("Full service", "contact"),
        {
            content: "Accept the required condition",
            trigger: ".o_offer_conditions label:contains(Parts kept 30 days)",
            run: "click",
        },
        {
            content: "The company asks for a signature: no name field on the page",
            trigger: ".o_repair_offer:not(:has(input#accepted_by_name))",
        },
        {
            content: "Confirm and sign",
            trigger: ".o_offer_confirm_sign",
            run: "click",
        },
        {
            content: "Type the name in Odoo's signature widget",
            trigger: ".o_offer_signature_modal.show .o_web_sign_name_input",
            run: "edit Anna Galli",
        },
        {
            content: "Nothing drawn yet: the button waits",
            trigger: ".o_offer_signature_modal .o_portal_sign_submit:disabled",
        },
        {
            content: "Draw the signature on the canvas",
            trigger: ".o_offer_signature_modal .o_web_sign_signature",
            run: drawSignature,
        },
        {
            content: "Confirm and sign",
            trigger: ".o_offer_signature_modal .o_portal_sign_submit:enabled",
            run: "click",
        },
        {
            content: "The page thanks the customer",
            trigger: ".alert-success:contains(Thank you)",
        },
        {
            content: "The page shows who confirmed",
            trigger: ".o_offer_accepted_proof:contains(Anna Galli)",
        },
    ],
});

registry.category("web_tour.tours").add("workshop_offer_proof_tour", {
    steps: () => [
        {
            content: "The advisor's to-do is on the repair order",
            trigger:
                ".o-mail-Chatter .o-mail-Activity:contains(Offer confirmed by the customer)",
        },
        {
            content: "and a call for the intervention the customer asked about",
            trigger: ".o-mail-Chatter .o-mail-Activity:contains(Call the customer about Full service)",
        },
        {
            content: "The offer's status on the repair order",
            trigger:
                ".o_repair_offer_status .o_arrow_button_current:contains(Confirmed by customer)",
        },
        {
            content: "Open the offer",
            trigger: ".oe_stat_button[name=action_view_offers]",
            run: "click",
        },
        {
            content: "The proof: the name the customer typed",
            trigger: ".o_form_view div[name=accepted_by_name]:contains(Anna Galli)",
        },
        {
            content: "the signature drawn",
            trigger: ".o_form_view div[name=signature] img[src*=signature]",
        },
        {
            content: "the date",
            trigger: `.o_form_view div[name=date_confirmed]:contains(${new Date().getFullYear()})`,
        },
        {
            content: "the IP address",
            trigger: ".o_form_view div[name=accepted_ip]:contains(127.0.0.1)",
        },
        {
            content: "the browser",
            trigger: ".o_form_view div[name=accepted_user_agent]:contains(Chrome)",
        },
    ],
});

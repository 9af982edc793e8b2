/** @odoo-module */
/* global Modal */
/* Copyright 2026 Customer Communication Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import publicWidget from "@web/legacy/js/public/public_widget";

/**
 * The offer page works without JavaScript (the note is printed at the top,
 * the totals are computed by the server once confirmed). With JavaScript the
 * note opens as a welcome dialog and the accepted total follows the answers.
 */
publicWidget.registry.RepairOfferPage = publicWidget.Widget.extend({
    selector: ".o_repair_offer",
    events: {
        "change input.o_offer_decision": "_onDecisionChange",
        "click .o_offer_welcome_close": "_onCloseWelcome",
        "click .o_offer_confirm_sign": "_onConfirmAndSign",
    },

    start() {
        const data = this.el.dataset;
        this.currency = {
            symbol: data.currencySymbol,
            before: data.currencyPosition === "before",
            format: new Intl.NumberFormat(document.documentElement.lang || undefined, {
                minimumFractionDigits: parseInt(data.currencyDigits, 10),
                maximumFractionDigits: parseInt(data.currencyDigits, 10),
            }),
        };
        const welcome = this.el.querySelector(".o_offer_welcome");
        if (welcome) {
            welcome.classList.remove("d-none");
            welcome.classList.add("d-block");
            this.el.querySelector(".o_offer_note_inline")?.classList.add("d-none");
        }
        this._updateTotals();
        this._postViewed();
        return this._super(...arguments);
    },

    /**
     * The page is displayed to a person: tell the workshop, once. Robots
     * fetching the link for a preview do not run this; the server also
     * ignores colleagues and known robots.
     */
    _postViewed() {
        const url = this.el.dataset.viewedUrl;
        if (!url) {
            return;
        }
        const body = new FormData();
        body.append("csrf_token", odoo.csrf_token);
        fetch(url, {method: "POST", body, credentials: "same-origin"});
    },

    _onCloseWelcome() {
        const welcome = this.el.querySelector(".o_offer_welcome");
        welcome.classList.remove("d-block");
        welcome.classList.add("d-none");
        this.el.querySelector(".o_offer_note_inline")?.classList.remove("d-none");
    },

    /**
     * Where the company asks for a signature: once every answer is given,
     * the signature dialog opens; its button sends the form.
     */
    _onConfirmAndSign(ev) {
        ev.preventDefault();
        if (!ev.currentTarget.form.reportValidity()) {
            return;
        }
        Modal.getOrCreateInstance(this.el.querySelector(".o_offer_signature_modal")).show();
    },

    _onDecisionChange() {
        this._updateTotals();
    },

    _updateTotals() {
        const accepted = this.el.querySelector(".o_amount_accepted_live");
        if (!accepted) {
            return;
        }
        let total = 0;
        let undecided = 0;
        for (const line of this.el.querySelectorAll(".o_repair_offer_line")) {
            const checked = line.querySelector("input.o_offer_decision:checked");
            if (!checked) {
                undecided += 1;
            } else if (checked.value === "fix") {
                total += parseFloat(line.dataset.priceShown);
            }
        }
        const amount = this.currency.format.format(total);
        accepted.textContent = this.currency.before
            ? `${this.currency.symbol}\u00A0${amount}`
            : `${amount}\u00A0${this.currency.symbol}`;
        const remaining = this.el.querySelector(".o_offer_undecided");
        if (remaining) {
            remaining.textContent = undecided;
            remaining.closest(".o_offer_undecided_box").classList.toggle("d-none", !undecided);
        }
    },
});

export default publicWidget.registry.RepairOfferPage;

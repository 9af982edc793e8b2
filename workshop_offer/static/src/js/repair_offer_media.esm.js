/** @odoo-module */
/* Copyright 2026 Customer Communication Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import publicWidget from "@web/legacy/js/public/public_widget";

/**
 * The photos and videos of the interventions: a thumbnail opens the full-size
 * view in a Bootstrap dialog (Escape or the close button closes it, focus
 * returns to the thumbnail). Without JavaScript the thumbnail is a plain link
 * to the full-size file.
 */
publicWidget.registry.RepairOfferMedia = publicWidget.Widget.extend({
    selector: ".o_repair_offer",
    events: {
        "click .o_offer_media_open": "_onOpenMedia",
    },

    start() {
        this.modal = this.el.querySelector(".o_offer_media_modal");
        this.modal?.addEventListener("hidden.bs.modal", () => this._clear());
        return this._super(...arguments);
    },

    _onOpenMedia(ev) {
        const link = ev.currentTarget;
        const image = this.modal.querySelector(".o_offer_media_full");
        const video = this.modal.querySelector(".o_offer_media_full_video");
        this.modal.querySelector(".modal-title").textContent = link.dataset.alt;
        const isVideo = link.dataset.mediaType === "video";
        image.classList.toggle("d-none", isVideo);
        video.classList.toggle("d-none", !isVideo);
        if (isVideo) {
            video.src = link.getAttribute("href");
            video.setAttribute("aria-label", link.dataset.alt);
        } else {
            image.src = link.getAttribute("href");
            image.alt = link.dataset.alt;
        }
    },

    _clear() {
        const video = this.modal.querySelector(".o_offer_media_full_video");
        video.pause();
        video.removeAttribute("src");
        video.load();
    },
});

export default publicWidget.registry.RepairOfferMedia;

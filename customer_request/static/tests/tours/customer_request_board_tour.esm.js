/** @odoo-module */
/* Copyright 2026 Customer Communication Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("customer_request_board_responsible_tour", {
    steps: () => [
        {
            content: "Drag a request without responsible to another stage",
            trigger: ".o_kanban_group:contains(New) .o_kanban_record:contains(Luca Ferrari)",
            // the three drop zones come first, then New, then In Progress
            run: "drag_and_drop (.o_kanban_group:eq(4))",
        },
        {
            content: "The board asks who is responsible",
            trigger: ".modal .o_data_row:contains(Paola Verdi) .o_data_cell",
            run: "click",
        },
        {
            content: "The move completes with the responsible",
            trigger:
                ".o_kanban_group:contains(In Progress) .o_kanban_record:contains(Luca Ferrari)",
        },
    ],
});

registry.category("web_tour.tours").add("customer_request_board_quotation_tour", {
    steps: () => [
        {
            content: "Drop a request on 'Create a quotation'",
            trigger: ".o_kanban_record:contains(Sara Romano)",
            run: "drag_and_drop .o_customer_request_drop_zone[data-kind=quotation]",
        },
        {
            content: "Close the request now",
            trigger: ".modal button:contains(Close the request)",
            run: "click",
        },
        {
            content: "The closed request left the board",
            trigger: ".o_kanban_renderer:not(:has(.o_kanban_record:contains(Sara Romano)))",
        },
    ],
});

registry.category("web_tour.tours").add("customer_request_board_ticket_again_tour", {
    steps: () => [
        {
            content: "Drop on 'Open a ticket' a request that already has one",
            trigger: ".o_kanban_record:contains(Elena Conti)",
            run: "drag_and_drop .o_customer_request_drop_zone[data-kind=ticket]",
        },
        {
            content: "The board asks to confirm a second ticket",
            trigger: ".modal:contains(already generated) .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "Then asks whether to close the request: keep it open",
            trigger: ".modal button:contains(Keep it open)",
            run: "click",
        },
        {
            content: "The request stays on the board",
            trigger: ".o_kanban_renderer:not(:has(.modal)) .o_kanban_record:contains(Elena Conti)",
        },
    ],
});

registry.category("web_tour.tours").add("customer_request_board_markers_tour", {
    steps: () => [
        {
            content: "The board names the team stages it leaves out",
            trigger: ".o_customer_request_team_stages:contains(Body shop queue)",
        },
        {
            content: "A request in a closing stage that is not closed says so",
            trigger:
                ".o_kanban_group:contains(Solved on the spot) .o_kanban_record:contains(Marco Neri) .o_customer_request_to_close",
        },
        {
            content: "An open request in an open stage has no such badge",
            trigger:
                ".o_kanban_record:contains(Luca Ferrari):not(:has(.o_customer_request_to_close))",
        },
    ],
});

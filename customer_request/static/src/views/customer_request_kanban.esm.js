/** @odoo-module */
/* Copyright 2026 Customer Communication Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {ConfirmationDialog} from "@web/core/confirmation_dialog/confirmation_dialog";
import {KanbanRenderer} from "@web/views/kanban/kanban_renderer";
import {SelectCreateDialog} from "@web/views/view_dialogs/select_create_dialog";
import {_t} from "@web/core/l10n/translation";
import {kanbanView} from "@web/views/kanban/kanban_view";
import {registry} from "@web/core/registry";
import {onWillStart} from "@odoo/owl";
import {useService} from "@web/core/utils/hooks";

const DROP_ZONE_PREFIX = "customer_request_document_";
// the counter telling whether a document of that kind was already generated
const DOCUMENT_COUNT_FIELDS = {
    ticket: "ticket_count",
    quotation: "sale_order_count",
    meeting: "event_count",
};

/**
 * The request board: Odoo's Kanban renderer with
 * - a dialog asking for the responsible when a card without one is moved to
 *   another stage (the server refuses the move otherwise), then the move;
 * - drop zones generating a ticket, a quotation or a meeting from the card;
 * - the names of the stages reserved to helpdesk teams, which it leaves out.
 * The drop zones are extra sortable groups, so Odoo's own drag and drop
 * brings the cards there.
 */
export class CustomerRequestKanbanRenderer extends KanbanRenderer {
    static template = "customer_request.KanbanRenderer";

    setup() {
        super.setup();
        this.dialog = useService("dialog");
        this.action = useService("action");
        this.orm = useService("orm");
        this.teamStages = [];
        onWillStart(async () => {
            const stages = await this.orm.searchRead(
                "helpdesk.ticket.stage",
                [["team_ids", "!=", false]],
                ["display_name"]
            );
            this.teamStages = stages.map((stage) => stage.display_name);
        });
    }

    get teamStagesNote() {
        if (!this.teamStages.length) {
            return "";
        }
        return _t(
            "Not on this board: the stages reserved to helpdesk teams (%s).",
            this.teamStages.join(", ")
        );
    }

    get documentDropZones() {
        if (!this.props.list.isGrouped || this.props.list.groupByField.name !== "stage_id") {
            return [];
        }
        return [
            {kind: "ticket", label: _t("Open a ticket"), icon: "fa-life-ring"},
            {kind: "quotation", label: _t("Create a quotation"), icon: "fa-pencil-square-o"},
            {kind: "meeting", label: _t("Schedule a meeting"), icon: "fa-calendar"},
        ].map((zone) => ({...zone, id: DROP_ZONE_PREFIX + zone.kind}));
    }

    findRecord(dataRecordId, dataGroupId) {
        const group = this.props.list.groups.find((g) => g.id === dataGroupId);
        return group && group.list.records.find((r) => r.id === dataRecordId);
    }

    async sortRecordDrop(dataRecordId, dataGroupId, params) {
        const targetId = params.parent && params.parent.dataset.id;
        const record = this.findRecord(dataRecordId, dataGroupId);
        if (record && targetId && targetId.startsWith(DROP_ZONE_PREFIX)) {
            params.parent.classList.remove("o_kanban_hover");
            return this.generateDocument(record, targetId.slice(DROP_ZONE_PREFIX.length));
        }
        const movesStage =
            record && targetId && targetId !== dataGroupId && this.props.list.isGrouped;
        if (movesStage && !record.data.user_id) {
            const user = await this.askResponsible();
            if (!user) {
                return this.reload();
            }
            await record.update({user_id: user});
        }
        return super.sortRecordDrop(dataRecordId, dataGroupId, params);
    }

    askResponsible() {
        return new Promise((resolve) => {
            this.dialog.add(
                SelectCreateDialog,
                {
                    title: _t("Who is responsible for this request?"),
                    resModel: "res.users",
                    domain: [["share", "=", false]],
                    multiSelect: false,
                    noCreate: true,
                    onSelected: async ([userId]) => {
                        const [user] = await this.orm.read(
                            "res.users",
                            [userId],
                            ["display_name"]
                        );
                        resolve([user.id, user.display_name]);
                    },
                },
                {onClose: () => resolve(false)}
            );
        });
    }

    /**
     * Generate the document of ``kind`` from the dropped card. The server
     * refuses a card without responsible and a second document of the same
     * kind: the board asks for the responsible and for a confirmation first.
     */
    async generateDocument(record, kind) {
        try {
            if (!record.data.user_id) {
                const user = await this.askResponsible();
                if (!user) {
                    return;
                }
                await record.update({user_id: user}, {save: true});
            }
            const countField = DOCUMENT_COUNT_FIELDS[kind];
            const [counts] = await this.orm.read(
                "customer.request",
                [record.resId],
                [countField]
            );
            const context = {customer_request_from_board: true};
            if (counts[countField]) {
                const confirmed = await this.askConfirmation(
                    _t(
                        "A document of this kind was already generated from this request. Generate another one?"
                    )
                );
                if (!confirmed) {
                    return;
                }
                context.customer_request_confirm_again = true;
            }
            const action = await this.orm.call(
                "customer.request",
                `action_generate_${kind}`,
                [[record.resId]],
                {context}
            );
            await this.action.doAction(action, {onClose: () => this.reload()});
        } finally {
            await this.reload();
        }
    }

    askConfirmation(body) {
        return new Promise((resolve) => {
            this.dialog.add(
                ConfirmationDialog,
                {
                    title: _t("Generate another document?"),
                    body,
                    confirm: () => resolve(true),
                    cancel: () => resolve(false),
                },
                {onClose: () => resolve(false)}
            );
        });
    }

    async reload() {
        await this.props.list.model.load();
    }
}

export const customerRequestKanbanView = {
    ...kanbanView,
    Renderer: CustomerRequestKanbanRenderer,
};

registry.category("views").add("customer_request_kanban", customerRequestKanbanView);

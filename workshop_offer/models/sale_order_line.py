# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, models
from odoo.exceptions import UserError

from .repair_offer_line import SENT_STATES

# what the customer pays of a repair quotation line that feeds an offer (its
# quantity follows the repair line, guarded on stock.move)
OFFERED_SALE_LINE_FIELDS = ("product_id", "price_unit", "discount", "tax_id")


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    def write(self, vals):
        if not self.env.su and set(OFFERED_SALE_LINE_FIELDS) & set(vals):
            self._offered_lines_changed_by(vals)._check_not_offered()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_offered(self):
        if not self.env.su:
            self._offered_lines()._check_not_offered()

    def _offered_lines(self):
        """The quotation lines of repair lines in an offer the customer has."""
        return self.filtered(
            lambda line: any(
                offer_line.offer_id.state in SENT_STATES
                for offer_line in line.move_ids.offer_line_ids
            )
        )

    def _offered_lines_changed_by(self, vals):
        changed = self.browse()
        for line in self._offered_lines():
            for name in OFFERED_SALE_LINE_FIELDS:
                if name not in vals:
                    continue
                field = self._fields[name]
                new = field.convert_to_record(
                    field.convert_to_cache(vals[name], line), line
                )
                if field.type == "float":
                    different = line.currency_id.compare_amounts(new, line[name])
                else:
                    different = new != line[name]
                if different:
                    changed |= line
                    break
        return changed

    def _check_not_offered(self):
        if self:
            raise UserError(
                _(
                    "%(line)s is in the repair offer sent to the customer: change it "
                    "on the offer ('Change' on the intervention), which asks you to "
                    "confirm and sends the customer an updated link.",
                    line=self[0].name,
                )
            )

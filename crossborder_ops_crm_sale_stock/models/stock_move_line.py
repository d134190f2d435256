# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

from .stock_move import changed_by

# what a done move's quantity is counted from (see stock.move), and what Odoo
# moved the stock by: where the goods went, and which (outside audit 31, A1 to A3)
COUNTED_FIELDS = frozenset(
    {
        "quantity",
        "product_uom_id",
        "move_id",
        "product_id",
        "location_id",
        "location_dest_id",
        "lot_id",
        "lot_name",
        "package_id",
        "result_package_id",
        "owner_id",
        "state",
    }
)


class StockMoveLine(models.Model):
    """The detailed quantities of a done delivery, changed afterwards, change
    what its order delivered (see stock.move)."""

    _inherit = "stock.move.line"

    @api.model_create_multi
    def create(self, vals_list):
        moves = self.env["stock.move"].browse(
            {vals.get("move_id") for vals in vals_list} - {None, False}
        )
        before = moves.sale_line_id._pool_delivered()
        lines = super().create(vals_list)
        (moves | lines.move_id).sale_line_id._pool_check_delivered(before)
        return lines

    def write(self, vals):
        # the move a line is given counts it too (outside audit 25, F4)
        moves = self.move_id | self.move_id.browse(vals.get("move_id"))
        if COUNTED_FIELDS & set(vals) and moves.sale_line_id:
            changed = changed_by(self, vals, COUNTED_FIELDS)
            changed.move_id._pool_check_correcting()
            if "move_id" in vals and changed.filtered(lambda line: line.state == "done"):
                # goods delivered elsewhere, moved into his done delivery
                # (outside audit 29, H4)
                moves.browse(vals["move_id"])._pool_check_correcting()
        before = moves.sale_line_id._pool_delivered()
        result = super().write(vals)
        (moves | self.move_id).sale_line_id._pool_check_delivered(before)
        return result

# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

from .stock_move import changed_by

# what a done delivery or return counts by besides its moves (see stock.move):
# its locations, which its moves follow, and the delivery it returns
COUNTED_FIELDS = frozenset({"location_id", "location_dest_id", "return_id"})


class StockPicking(models.Model):
    _inherit = "stock.picking"

    def write(self, vals):
        """A delivery linked to an order (or unlinked from its return) changes
        what the order delivered (see stock.move); an order's delivery sent to
        another customer ships to him, as the order's delivery address would
        (outside audit 22)."""
        if vals.get("partner_id") and self.filtered("sale_id"):
            self.env["crm.lead"]._pool_check_customer_work(
                self.env["res.partner"].browse(vals["partner_id"])
            )
        if COUNTED_FIELDS & set(vals):  # before its moves follow it
            done = self.filtered(lambda picking: picking.state == "done")
            changed_by(done, vals, COUNTED_FIELDS).move_ids._pool_check_correcting()
        lines = self.move_ids.sale_line_id
        before = lines._pool_delivered()
        result = super().write(vals)
        (lines | self.move_ids.sale_line_id)._pool_check_delivered_beyond_sold(before)
        return result

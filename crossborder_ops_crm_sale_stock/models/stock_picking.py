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
        (outside audit 22), and no longer to the order's customer."""
        if "partner_id" in vals and self.sale_id:
            Lead = self.env["crm.lead"]
            Lead._pool_check_customer_work(self.env["res.partner"].browse(vals["partner_id"]))
            # and the customer it leaves, as an order's (outside audit 25, F6)
            left = changed_by(self.filtered("sale_id"), vals, {"partner_id"}).sale_id
            Lead._pool_check_customer_work(left._pool_customers(), work="delivery")
        if COUNTED_FIELDS & set(vals):  # before its moves follow it
            done = self.filtered(lambda picking: picking.state == "done")
            changed_by(done, vals, COUNTED_FIELDS).move_ids._pool_check_correcting()
        lines = self.move_ids.sale_line_id
        if vals.get("sale_id"):  # its moves are given the order's lines
            lines |= self.env["sale.order"].browse(vals["sale_id"]).order_line
        before = lines._pool_delivered()
        result = super().write(vals)
        (lines | self.move_ids.sale_line_id)._pool_check_delivered(before)
        return result

# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

from .stock_move import changed_by

# what a done delivery or return counts by besides its moves (see stock.move):
# its locations, which its moves follow, and the delivery it returns
COUNTED_FIELDS = frozenset({"location_id", "location_dest_id", "return_id"})


class StockPicking(models.Model):
    _inherit = "stock.picking"

    @api.model_create_multi
    def create(self, vals_list):
        pickings = super().create(vals_list)
        # a delivery of an order made for another customer (outside audit 26, N2)
        if other := pickings.filtered(
            lambda picking: picking.sale_id
            and picking.partner_id
            and picking.partner_id.commercial_partner_id
            not in picking.sale_id._pool_customers().commercial_partner_id
        ):
            self._pool_check_addressed(other.sale_id, other.partner_id)
        return pickings

    def write(self, vals):
        """A delivery linked to an order (or unlinked from its return) changes
        what the order delivered (see stock.move); one sent elsewhere, see
        _pool_check_addressed."""
        if "partner_id" in vals and (sold := self.filtered("sale_id")):
            self._pool_check_addressed(
                changed_by(sold, vals, {"partner_id"}).sale_id,
                self.env["res.partner"].browse(vals["partner_id"]),
            )
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

    @api.model
    def _pool_check_addressed(self, orders, partners):
        """An order's delivery sent to another customer ships to him, as the
        order's delivery address would (outside audit 22), and no longer to
        the order's customer (audit 25, F6): partners are sold to and the
        customers of orders have their deliveries corrected (crm.lead)."""
        Lead = self.env["crm.lead"]
        Lead._pool_check_customer_work(partners)
        Lead._pool_check_customer_work(orders._pool_customers(), work="delivery")

# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class StockMove(models.Model):
    """What an order delivered is counted from its moves: whatever changes them
    (validating, writing their state, quantity, unit, sale line, return marks,
    a new move) is checked against what the order sold (sale.order.line)."""

    _inherit = "stock.move"

    @api.model_create_multi
    def create(self, vals_list):
        sold = {vals.get("sale_line_id") for vals in vals_list} - {None, False}
        before = self.env["sale.order.line"].browse(sold)._pool_delivered()
        moves = super().create(vals_list)
        moves.sale_line_id._pool_check_delivered_beyond_sold(before)
        return moves

    def write(self, vals):
        lines = self.sale_line_id
        before = lines._pool_delivered()
        result = super().write(vals)
        # a done move written "done" or linked to a line (outside audit 22)
        (lines | self.sale_line_id)._pool_check_delivered_beyond_sold(before)
        return result

    def _action_done(self, cancel_backorder=False):
        lines = self.sale_line_id
        before = lines._pool_delivered()
        moves = super()._action_done(cancel_backorder=cancel_backorder)
        (lines | moves.sale_line_id)._pool_check_delivered_beyond_sold(before)
        return moves

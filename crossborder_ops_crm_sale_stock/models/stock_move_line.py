# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class StockMoveLine(models.Model):
    _inherit = "stock.move.line"

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.move_id.sale_line_id._pool_check_delivered_beyond_sold()
        return lines

    def write(self, vals):
        """The quantity of a done delivery changed afterwards (or its lines
        moved to another move) changes what its order delivered."""
        moves = self.move_id
        result = super().write(vals)
        if {"quantity", "move_id", "product_uom_id"}.intersection(vals):
            (moves | self.move_id).sale_line_id._pool_check_delivered_beyond_sold()
        return result

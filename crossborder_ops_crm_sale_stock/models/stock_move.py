# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class StockMove(models.Model):
    _inherit = "stock.move"

    def _action_done(self, cancel_backorder=False):
        """A delivery validated with more than its order sold (its lines'
        delivered quantities, once the moves are done)."""
        moves = super()._action_done(cancel_backorder=cancel_backorder)
        moves.sale_line_id._pool_check_delivered_beyond_sold()
        return moves

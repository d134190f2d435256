# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

# the quantities of a reshipment's moves come from their lines: they count in its
# ticket's cost once done (see helpdesk.ticket._compute_problem_cost)
RESHIP_COST_FIELDS = frozenset(
    {"product_id", "product_uom_id", "quantity", "move_id", "picking_id"}
)


class StockMoveLine(models.Model):
    _inherit = "stock.move.line"

    @api.model_create_multi
    def create(self, vals_list):
        self._cbo_pickings(vals_list)._check_can_change_reship_cost()
        return super().create(vals_list)

    def write(self, vals):
        if RESHIP_COST_FIELDS.intersection(vals):
            self._cbo_pickings([vals])._check_can_change_reship_cost()
        return super().write(vals)

    def unlink(self):
        self._cbo_pickings([])._check_can_change_reship_cost()
        return super().unlink()

    def _cbo_pickings(self, vals_list):
        """The deliveries of the lines and those the values point them at."""
        # sudo: every internal user writes move lines, not all read moves and
        # deliveries; they are read to check the caller's right on their ticket
        lines = self.sudo()
        pickings = lines.picking_id | lines.move_id.picking_id
        pickings |= pickings.browse(
            {vals["picking_id"] for vals in vals_list if vals.get("picking_id")}
        )
        moves = lines.move_id.browse({vals["move_id"] for vals in vals_list if vals.get("move_id")})
        return (pickings | moves.picking_id).with_env(self.env)

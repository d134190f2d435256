# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

# what a move of a reshipment adds to its ticket's cost once done (see
# helpdesk.ticket._compute_problem_cost): guarded by the delivery
RESHIP_COST_FIELDS = frozenset(
    {
        "product_id",
        "product_uom",
        "product_uom_qty",
        "quantity",
        "state",
        "picking_id",
        "move_line_ids",
    }
)


class StockMove(models.Model):
    _inherit = "stock.move"

    # problem rates count shipped order lines per product, delivery and window
    # (crossborder.recurrence._cbo_recurrence_opportunities): from these partial
    # indexes alone, without reading the moves
    _cbo_shipped_product_idx = models.Index(
        "(product_id, date) INCLUDE (picking_type_id, company_id) "
        "WHERE state = 'done' AND sale_line_id IS NOT NULL"
    )
    _cbo_shipped_picking_idx = models.Index(
        "(picking_id, date) INCLUDE (picking_type_id, company_id) "
        "WHERE state = 'done' AND sale_line_id IS NOT NULL"
    )

    @api.model_create_multi
    def create(self, vals_list):
        self.env["stock.picking"].browse(
            {vals["picking_id"] for vals in vals_list if vals.get("picking_id")}
        )._check_can_change_reship_cost()
        return super().create(vals_list)

    def write(self, vals):
        moving = {"sale_line_id", "picking_id"}.intersection(vals) and not self.env.su
        if moving and (done := self.filtered(lambda m: m.state == "done")):
            # a done move given another order line, or moved to another delivery, moves
            # a delivery to another order (its order is its moves'): as changing it
            line = self.env["sale.order.line"].browse(vals.get("sale_line_id"))
            picking = self.env["stock.picking"].browse(vals.get("picking_id"))
            orders = done.sudo().sale_line_id.order_id | line.sudo().order_id
            (done.picking_id | picking)._check_orders_tickets_editable(
                set((orders | (done.picking_id | picking).sudo().sale_id).ids)
            )
        if RESHIP_COST_FIELDS.intersection(vals):
            pickings = self.picking_id
            if vals.get("picking_id"):
                pickings |= pickings.browse(vals["picking_id"])
            pickings._check_can_change_reship_cost()
        return super().write(vals)

    def unlink(self):
        self.picking_id._check_can_change_reship_cost()
        return super().unlink()

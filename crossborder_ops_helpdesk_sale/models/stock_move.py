# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


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

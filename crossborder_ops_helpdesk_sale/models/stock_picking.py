# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    # problem rates per carrier start from the carrier's deliveries
    _cbo_carrier_idx = models.Index("(carrier_id) WHERE carrier_id IS NOT NULL")

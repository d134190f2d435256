# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model
    def _pool_guarded_fields(self):
        # "whose quotation (or invoice) is this one?" names the hidden customer of
        # the waiting lead that kept it: only orders and invoices the user may see
        return (*super()._pool_guarded_fields(), "sale_order_ids", "invoice_ids")

# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    @api.onchange("product_id")
    def _onchange_product_id_destination(self):
        country = self.order_id.partner_shipping_id.country_id
        if not self.product_id or not country:
            return None
        spec = self.env["crossborder.country.spec"]._by_country(country).get(country.id)
        warnings = spec._fit_warnings(self.product_id) if spec else []
        if not warnings:
            return None
        return {"warning": self.order_id._destination_warning_popup("\n".join(warnings))}

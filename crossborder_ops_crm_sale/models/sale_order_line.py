# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.fields import Domain


class SaleOrderLine(models.Model):
    """The lines of a hidden quotation (see sale.order) name its customer
    (Customer, the order's reference): hidden with it."""

    _name = "sale.order.line"
    _inherit = ["sale.order.line", "crossborder.hidden.records.mixin"]

    @api.model
    def _crossborder_hidden_domain(self):
        hidden = self.env["sale.order"]._crossborder_hidden_domain()
        if hidden is None:
            return None
        # the hidden orders as the system sees them (the user's own search
        # leaves them out, so that a "not in" of it would hide nothing)
        return Domain("order_id", "in", self.env["sale.order"].sudo()._search(hidden))

    def _crossborder_hidden_reason(self):
        return self.env["sale.order"]._crossborder_hidden_reason()

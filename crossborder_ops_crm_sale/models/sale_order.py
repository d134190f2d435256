# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class SaleOrder(models.Model):
    """A quotation made on a lead, or moved onto one (its Opportunity), is work
    on the lead, like a meeting or an activity: a lead waiting in the high seas
    pool is claimed first (crm.lead._pool_check_attach owns the rule)."""

    _inherit = "sale.order"

    @api.model_create_multi
    def create(self, vals_list):
        orders = super().create(vals_list)
        # checked on the orders made: the lead may come from the values, from
        # the context's default (the lead's New Quotation) or from a copy (sudo:
        # the lead of orders just made, one made for a colleague included)
        self.env["crm.lead"]._pool_check_attach(orders.sudo().opportunity_id.ids)
        return orders

    def write(self, vals):
        if vals.get("opportunity_id"):
            self.env["crm.lead"]._pool_check_attach([vals["opportunity_id"]])
        return super().write(vals)

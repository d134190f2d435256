# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class SaleReport(models.Model):
    """Sales Analysis reads the same orders as the quotations list (Odoo's
    "Personal Orders Analysis" rule: orders without salesperson too): the
    lines of a quotation hidden with its waiting lead (see sale.order) are
    hidden from the analysis as well, or grouping by customer named him."""

    _name = "sale.report"
    _inherit = ["sale.report", "crossborder.hidden.records.mixin"]

    opportunity_id = fields.Many2one("crm.lead", readonly=True)

    def _select_additional_fields(self):
        res = super()._select_additional_fields()
        res["opportunity_id"] = "s.opportunity_id"
        return res

    def _group_by_sale(self):
        return f"{super()._group_by_sale()},\n            s.opportunity_id"

    @api.model
    def _crossborder_hidden_domain(self):
        # the order's rule, on the same two columns (opportunity, salesperson)
        return self.env["sale.order"]._crossborder_hidden_domain()

    def _crossborder_hidden_reason(self):
        return self.env["sale.order"]._crossborder_hidden_reason()

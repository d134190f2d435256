# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CrossborderSupplierScorecard(models.Model):
    """Suppliers by problems per 1,000 shipped lines of their products, cost and
    trend: for purchasing."""

    _name = "crossborder.supplier.scorecard"
    _inherit = ["crossborder.scorecard.mixin"]
    _description = "Supplier scorecard"
    _auto = False
    _cbo_dimensions = ("supplier_id", "product_id")

    supplier_id = fields.Many2one(
        "res.partner",
        readonly=True,
        help="The product's main vendor for shipments; for problems, the supplier they are "
        "blamed on.",
    )
    product_id = fields.Many2one("product.product", readonly=True)

# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.fields import Domain

# what a line sells (and invoices): a line added, or one of these changed, on a
# confirmed order too (a negative discount, another unit or tax, a delivered
# quantity typed by hand all raised an invoice: outside audit 18)
SOLD_FIELDS = frozenset(
    {
        "product_id",
        "product_uom_qty",
        "product_uom_id",
        "price_unit",
        "discount",
        "tax_ids",
        "qty_delivered",
    }
)


class SaleOrderLine(models.Model):
    """The lines of a hidden quotation (see sale.order) name its customer
    (Customer, the order's reference): hidden with it. A line added or changed
    sells to the order's customer, as a quotation for him does."""

    _name = "sale.order.line"
    _inherit = ["sale.order.line", "crossborder.hidden.records.mixin"]

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._pool_check_selling()
        return lines

    def write(self, vals):
        result = super().write(vals)
        if SOLD_FIELDS.intersection(vals):
            self._pool_check_selling()
        return result

    def _pool_check_selling(self):
        """An order confirmed while the salesperson held its customer grew after
        the customer went back to the pool or to a colleague (outside audit 17):
        its new lines are sales to a customer he no longer works."""
        if sold := self.filtered(lambda line: not line.display_type):
            self.env["crm.lead"]._pool_check_customer_work(sold.order_id._pool_customers())

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

# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.tools import float_compare


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    def _pool_delivered(self):
        """{line id: delivered quantity} before a change of the deliveries, or
        None when the user's sales are not checked (see crm.lead)."""
        if not self.env["crm.lead"].with_user(self.env.uid)._pool_limits_customer_work():
            return None
        return {line.id: line.qty_delivered for line in self}

    def _pool_check_delivered_beyond_sold(self, before):
        """Goods delivered beyond what a line sold are a sale to its customer
        (Odoo adds them to what is invoiced on delivery), who may have gone
        back to the pool or to a colleague since the order was confirmed: the
        same check as a quotation for him (crm.lead owns the rule). What was
        sold is delivered by anyone, and what was delivered before (``before``,
        see _pool_delivered) may be returned (outside audits 20 and 22)."""
        if before is None:
            return
        # computed afresh: a return's marks (refunded or not, the move or the
        # delivery it returns) count in it, yet Odoo recomputes it only when a
        # move's state, quantity, unit or destination changes, so that a mark
        # written now counted at a later change (outside audit 23, H1); sudo:
        # the moves are counted, not shown
        counted = self.sudo()._counted_in_full()._prepare_qty_delivered()
        fresh = {line.id: qty for line, qty in counted.items()}
        beyond = self.filtered(
            lambda line: not line.display_type
            and float_compare(
                fresh.get(line.id, line.qty_delivered),
                max(line.product_uom_qty, before.get(line.id, 0.0)),
                precision_rounding=line.product_uom_id.rounding or 0.01,
            )
            > 0
        )
        if beyond:
            # as the user: a delivery validated partly as the system is his work
            self.env["crm.lead"].with_user(self.env.uid)._pool_check_customer_work(
                beyond.order_id._pool_customers()
            )

# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from contextvars import ContextVar

from odoo import models
from odoo.tools import float_compare

# set while Odoo validates moves (stock.move._action_done), which no client can
# set: the writes Odoo makes on the way are judged by the validation's outcome
VALIDATING = ContextVar("crossborder_ops_validating", default=False)


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    def _pool_delivered(self):
        """{line id: delivered quantity} before a change of the deliveries, or
        None when the change is not checked: the user's sales are not (see
        crm.lead), or Odoo makes it while validating, whose outcome is."""
        if VALIDATING.get():
            return None
        if not self.env["crm.lead"].with_user(self.env.uid)._pool_limits_customer_work():
            return None
        return self._pool_counted()

    def _pool_counted(self):
        """{line id: delivered quantity} counted afresh from the moves: a
        return's marks (refunded or not, the move or the delivery it returns)
        count in it, yet Odoo recomputes the stored quantity only when a move's
        state, quantity, unit or destination changes, so that a mark written
        now counted at a later change (outside audit 23, H1); sudo: the moves
        are counted, not shown."""
        counted = self.sudo()._counted_in_full()._prepare_qty_delivered()
        return {line.id: counted.get(line, line.qty_delivered) for line in self}

    def _pool_check_delivered(self, before, validated=False):
        """What a line delivered changes by its deliveries and returns alone,
        validated (``validated``, see stock.move). Goods delivered beyond what
        it sold are a sale to its customer (Odoo adds them to what is invoiced
        on delivery), who may have gone back to the pool or to a colleague
        since the order was confirmed: the same check as a quotation for him
        (crm.lead owns the rule). A return takes back at most what was
        delivered. Otherwise a done move rewritten, linked or written done, or
        a move line moved, counted as returned goods nobody returned, or as
        delivered goods that went elsewhere or nowhere, and an accountant would
        refund or invoice them (outside audits 24, 25 and 30): a correction of
        what was delivered to him. What was sold is delivered by anyone, and
        what was delivered before (``before``, see _pool_delivered) may be
        returned."""
        if before is None:
            return
        fresh = self._pool_counted()

        def compare(line, value, to):
            rounding = line.product_uom_id.rounding or 0.01
            return float_compare(value, to, precision_rounding=rounding)

        lines = self.filtered(lambda line: not line.display_type)
        beyond = lines.filtered(
            lambda line: compare(
                line, fresh[line.id], max(line.product_uom_qty, before.get(line.id, 0.0))
            )
            > 0
        )
        # as the user: a delivery validated partly as the system is his work
        Lead = self.env["crm.lead"].with_user(self.env.uid)
        Lead._pool_check_customer_work(beyond.order_id._pool_customers())
        if validated:  # a return takes back at most what was delivered
            corrected = lines.filtered(
                lambda line: compare(line, fresh[line.id], min(0.0, before.get(line.id, 0.0))) < 0
            )
        else:  # goods delivered or returned without validating a delivery
            corrected = lines.filtered(
                lambda line: compare(line, fresh[line.id], before.get(line.id, fresh[line.id]))
            )
        Lead._pool_check_customer_work(corrected.order_id._pool_customers(), work="delivery")

# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.fields import Domain

# what may change on a line of an order whose customer the salesperson no longer
# works: its wording and place. Anything else made it sell or invoice more: a
# negative discount, another unit, taxes or delivered quantity (outside audit 18),
# a line moved in from another order, invoicing quantities (audit 19)
WORDING_FIELDS = frozenset({"name", "sequence"})


class SaleOrderLine(models.Model):
    """The lines of a hidden quotation (see sale.order) name its customer
    (Customer, the order's reference): hidden with it. A line added or changed
    sells to the order's customer, as a quotation for him does."""

    _name = "sale.order.line"
    _inherit = ["sale.order.line", "crossborder.hidden.records.mixin"]

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        # a line added to a quotation of a waiting lead is work on the lead, as a
        # quotation made on it is (sudo: the orders' leads are checked, not shown)
        self.env["crm.lead"]._pool_check_attach(lines.sudo().order_id.opportunity_id.ids)
        lines._pool_check_selling()
        return lines

    def write(self, vals):
        if "order_id" in vals:
            moving = self.filtered(lambda line: line.order_id.id != vals["order_id"])
            if moving:
                Order = self.env["sale.order"]
                (moving.order_id | Order.browse(vals["order_id"]))._pool_check_lines_kept()
        result = super().write(vals)
        if set(vals) - WORDING_FIELDS:
            self._pool_check_selling()
        return result

    def _compute_qty_delivered(self):
        # stored, so the same for everyone: counted without Odoo's accrual date
        # (a key any client may send: the moves dated after it were left out,
        # and a return left out counted 4 delivered of 2 sold; outside audit 24)
        return super(SaleOrderLine, self._counted_in_full())._compute_qty_delivered()

    def _compute_qty_invoiced(self):
        # stored as well: the invoices dated after the key were left out
        return super(SaleOrderLine, self._counted_in_full())._compute_qty_invoiced()

    def _counted_in_full(self):
        """self without the accrual date of Odoo's accrued revenue entries,
        which its "at date" quantities (not stored) read."""
        if "accrual_entry_date" not in self.env.context:
            return self
        context = dict(self.env.context)
        del context["accrual_entry_date"]  # removed, not set False: Odoo tests "in"
        return self.with_env(self.env(context=context))

    def _pool_check_selling(self):
        """An order confirmed while the salesperson held its customer grew after
        the customer went back to the pool or to a colleague (outside audits
        17-19): its new or changed lines are sales to a customer he no longer
        works (his orders' lines, sudo: the customers are checked, not shown)."""
        if sold := self.filtered(lambda line: not line.display_type):
            # lines Odoo adds as the system on the user's behalf (the shipping cost
            # wizard, at the price the user typed: outside audit 20) are his work
            Lead = self.env["crm.lead"].with_user(self.env.uid)
            Lead._pool_check_customer_work(sold.order_id._pool_customers())

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

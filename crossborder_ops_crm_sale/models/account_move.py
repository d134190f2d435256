# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.fields import Domain


class AccountMove(models.Model):
    """The invoices and credit notes of a quotation hidden with its waiting
    lead (see sale.order) name its customer: hidden with it, from the same
    salespeople, although Sales' "Personal Invoices" rule lets every
    salesperson read an invoice without salesperson."""

    _name = "account.move"
    _inherit = ["account.move", "crossborder.hidden.records.mixin"]

    @api.model
    def _crossborder_hidden_domain(self):
        """Invoices with a line of a hidden order (sale.order says which), but
        the user's own (he is its salesperson). Billing and auditing users read
        every invoice for their work, as Odoo's rules let them."""
        if self.env.user.has_group("account.group_account_invoice") or self.env.user.has_group(
            "account.group_account_readonly"
        ):
            return None
        orders = self.env["sale.order"]._crossborder_hidden_domain()
        if orders is None:
            return None
        # "any!": the lines and orders as the system sees them (the user's own
        # search leaves the hidden orders out, so that it would hide nothing)
        sale_lines = Domain("sale_line_ids", "any!", Domain("order_id", "any!", orders))
        return Domain("line_ids", "any!", sale_lines) & Domain(
            "invoice_user_id", "!=", self.env.uid
        )

    def _crossborder_hidden_reason(self):
        return self.env._(
            "This invoice belongs to a lead waiting in the pool: claim the lead to see it."
        )

# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.fields import Domain


class AccountMoveLine(models.Model):
    """Every line of a hidden invoice (see account.move) names its customer,
    the receivable and tax lines too: hidden with it."""

    _name = "account.move.line"
    _inherit = ["account.move.line", "crossborder.hidden.records.mixin"]

    @api.model
    def _crossborder_hidden_domain(self):
        hidden = self.env["account.move"]._crossborder_hidden_domain()
        if hidden is None:
            return None
        # "any!": the invoices as the system sees them (see account.move)
        return Domain("move_id", "any!", hidden)

    def _crossborder_hidden_reason(self):
        return self.env["account.move"]._crossborder_hidden_reason()

# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.fields import Domain


class CrmActivityReport(models.Model):
    """The activities report lists, per activity, the lead's customer: the rows
    of leads whose contact is masked for the user are left out (an activity of a
    waiting lead belongs to nobody, so crm's rule shows it to every salesperson,
    and grouping by customer listed the customers of the whole pool)."""

    _name = "crm.activity.report"
    _inherit = ["crm.activity.report", "crossborder.hidden.records.mixin"]

    @api.model
    def _crossborder_hidden_domain(self):
        masked = self.env["crm.lead"]._pool_masked_query()
        if masked is None:
            return None
        return Domain("lead_id", "in", masked)

    def _crossborder_hidden_reason(self):
        return self.env["mail.activity"]._crossborder_hidden_reason()

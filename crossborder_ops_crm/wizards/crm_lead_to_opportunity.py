# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class CrmLead2opportunityPartner(models.TransientModel):
    """The conversion wizard shows the lead's contact and the customer it found
    (name, e-mail, phone): not for a lead the user must claim first, from the
    moment the wizard opens (its converting was refused already)."""

    _inherit = "crm.lead2opportunity.partner"

    @api.model
    def _crossborder_refuse_masked(self, lead_ids):
        Lead = self.env["crm.lead"]
        masked = Lead.browse([lead_id for lead_id in lead_ids if isinstance(lead_id, int)])
        masked = masked._pool_masked()
        if masked:
            Lead._pool_refuse_waiting(masked)

    @api.model
    def default_get(self, fields):
        result = super().default_get(fields)
        self._crossborder_refuse_masked([result.get("lead_id")])
        return result

    @api.model_create_multi
    def create(self, vals_list):
        self._crossborder_refuse_masked([vals.get("lead_id") for vals in vals_list])
        return super().create(vals_list)

    def onchange(self, values, field_names, fields_spec):
        self._crossborder_refuse_masked([values.get("lead_id")])
        return super().onchange(values, field_names, fields_spec)

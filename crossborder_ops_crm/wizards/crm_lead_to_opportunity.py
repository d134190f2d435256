# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


def _record_ids(value):
    """The ids of existing records a relational value names: an id, a record
    as a dict ({"id": ...}), a list of ids, or x2many commands (link, update,
    set), or records (from server code)."""
    if isinstance(value, models.BaseModel):
        return [record_id for record_id in value.ids if record_id]
    if isinstance(value, dict):
        value = value.get("id")
    if isinstance(value, int) and not isinstance(value, bool):
        return [value]
    if not isinstance(value, list | tuple):
        return []
    ids = []
    for item in value:
        if isinstance(item, list | tuple) and item:
            if item[0] == fields.Command.SET and len(item) > 2:
                ids += _record_ids(list(item[2] or []))
            elif item[0] in (fields.Command.LINK, fields.Command.UPDATE) and len(item) > 1:
                ids += _record_ids(item[1])
        else:
            ids += _record_ids(item)
    return ids


class CrmLead2opportunityPartner(models.TransientModel):
    """The conversion wizard shows the lead's contact and the customer it found
    (name, e-mail, phone): not for a lead the user must claim first, from the
    moment the wizard opens (its converting was refused already) and whatever
    points the wizard at it later (a write, an onchange, a lead given as a
    record)."""

    _inherit = "crm.lead2opportunity.partner"

    # the wizard's fields that name leads whose contact it shows or works on
    _crossborder_lead_fields = ("lead_id", "duplicated_lead_ids")

    @api.model
    def default_get(self, fields):
        result = super().default_get(fields)
        self._crossborder_refuse_masked(result)
        return result

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._crossborder_refuse_masked(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._crossborder_refuse_masked(vals)
        return super().write(vals)

    def onchange(self, values, field_names, fields_spec):
        self._crossborder_refuse_masked(values)
        return super().onchange(values, field_names, fields_spec)

    @api.model
    def _crossborder_refuse_masked(self, values):
        """Refuse values (of create, write, onchange, defaults) that name a lead
        the user must claim first, in any form a client can give it."""
        lead_ids = []
        for name in self._crossborder_lead_fields:
            if name in values:
                lead_ids += _record_ids(values[name])
        Lead = self.env["crm.lead"]
        masked = Lead.browse(lead_ids)._pool_masked()
        if masked:
            Lead._pool_refuse_waiting(masked)

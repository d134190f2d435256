# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class CrossborderSystemRecordMixin(models.AbstractModel):
    """Records the system writes (a weekly feedback and its lines, a detected
    recurrence): their ``_cbo_system_fields`` are checked on every create and
    write, as ``crossborder.system.owned.mixin`` says."""

    _name = "crossborder.system.record.mixin"
    _inherit = ["crossborder.system.owned.mixin"]
    _description = "Records written by the system"

    @api.model_create_multi
    def create(self, vals_list):
        self._check_system_fields(vals_list, creating=True)
        return super().create(vals_list)

    def write(self, vals):
        self._check_system_fields([vals])
        return super().write(vals)

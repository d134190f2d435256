# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.exceptions import AccessError


class CrossborderSystemRecordMixin(models.AbstractModel):
    """Records the system writes (a weekly feedback and its lines, a detected
    recurrence): their ``_cbo_system_fields`` are checked on every create and
    write, as ``crossborder.system.owned.mixin`` says, and users delete none
    (a deleted line or feedback changed what the system wrote: outside audit
    72)."""

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

    def unlink(self):
        if not self.env.su:
            raise AccessError(
                self.env._(
                    "%(model)s records are written by the system and kept as its history: "
                    "they are not deleted by hand.",
                    model=self.env["ir.model"].sudo()._get(self._name).name,
                )
            )
        return super().unlink()

    def _cbo_system_how(self):
        return self.env._(
            "The system writes these records (the weekly feedback, the detection of "
            "recurrences): reclassify the tickets behind them instead, acknowledge a "
            "feedback with Acknowledge and close a recurrence with Close."
        )

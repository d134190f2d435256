# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from .hr_job import EMPLOYMENT_KINDS


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    crossborder_employment_kind = fields.Selection(
        EMPLOYMENT_KINDS, string="Employment kind", groups="hr.group_hr_user", tracking=True
    )
    crossborder_source_id = fields.Many2one(
        "utm.source", string="Hired through", groups="hr.group_hr_user"
    )
    crossborder_hire_date = fields.Date(string="Hired on", groups="hr.group_hr_user")
    crossborder_trial_ids = fields.One2many(
        "crossborder.trial", "employee_id", string="Trials", groups="hr.group_hr_user"
    )
    crossborder_conversion_ids = fields.One2many(
        "crossborder.conversion", "employee_id", string="Conversions", groups="hr.group_hr_user"
    )
    conversion_candidate = fields.Boolean(
        string="Candidate for full-time",
        compute="_compute_conversion_candidate",
        store=True,
        groups="hr.group_hr_user",
        help="A part-timer whose trial was confirmed with most expected results met.",
    )

    @api.depends(
        "crossborder_employment_kind",
        "crossborder_trial_ids.state",
        "crossborder_trial_ids.result_ids.rating",
    )
    def _compute_conversion_candidate(self):
        for employee in self:
            confirmed = employee.crossborder_trial_ids.filtered(lambda t: t.state == "confirmed")
            results = confirmed.result_ids
            share_met = (
                len(results.filtered(lambda r: r.rating == "met")) / len(results) if results else 0
            )
            employee.conversion_candidate = bool(
                employee.crossborder_employment_kind
                in ("part_time_student", "intern", "virtual_assistant")
                and confirmed
                and share_met >= 0.75
            )

    def action_convert(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "crossborder.conversion",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_employee_id": self.id,
                "default_from_kind": self.crossborder_employment_kind or "part_time_student",
            },
        }

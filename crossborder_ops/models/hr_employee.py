# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models

from .hr_job import EMPLOYMENT_KINDS

# a reviewer is the applicant by his employee or its addresses (crossborder.grade)
REVIEWER_FIELDS = frozenset(("user_id", "work_email", "private_email"))
RECORDED_DAYS = 28  # the recorded hours are averaged over the last four weeks


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

    @api.model_create_multi
    def create(self, vals_list):
        employees = super().create(vals_list)
        if any(vals.get("user_id") for vals in vals_list):
            employees._crossborder_check_graded_not_own()
        return employees

    def write(self, vals):
        if "active" in vals and not vals["active"]:
            self.env["crossborder.trial"]._crossborder_check_no_open_trial(self.filtered("active"))
        if "company_id" in vals:
            self.env["crossborder.trial"]._crossborder_check_trial_company(self, vals["company_id"])
        result = super().write(vals)
        if REVIEWER_FIELDS.intersection(vals):
            self._crossborder_check_graded_not_own()
        return result

    def _crossborder_check_graded_not_own(self):
        """A reviewer's employee and its addresses are his: they do not become those
        of an application he graded (see ``crossborder.grade``)."""
        # sudo: whose employee it is, whoever writes it
        reviewers = self.sudo().user_id
        if reviewers:
            self.env["crossborder.grade"]._crossborder_check_graded_not_own(
                [("reviewer_id", "in", reviewers.ids)]
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

    # --- part-timers' hours (issue 16): agreed vs recorded ---
    crossborder_agreed_hours = fields.Float(
        string="Agreed hours a week",
        related="resource_calendar_id.hours_per_week",
        groups="hr.group_hr_user",
        help="The hours a week of his working-hours calendar: what was agreed.",
    )
    crossborder_recorded_hours = fields.Float(
        string="Recorded hours a week",
        compute="_compute_crossborder_recorded_hours",
        groups="hr.group_hr_user",
        help="Average hours a week over the last four weeks, from the attendances the "
        "company already records (Attendances application). Nothing else is tracked.",
    )
    crossborder_hours_recorded = fields.Boolean(
        string="Attendances recorded",
        compute="_compute_crossborder_recorded_hours",
        groups="hr.group_hr_user",
    )

    @api.depends_context("uid")
    def _compute_crossborder_recorded_hours(self):
        recorded = "hr.attendance" in self.env
        hours = {}
        if recorded and self.ids:
            since = fields.Datetime.now() - timedelta(days=RECORDED_DAYS)
            hours = {
                employee.id: total
                for employee, total in self.env["hr.attendance"]
                .sudo()  # safe: a sum per employee for HR, never the attendances themselves
                ._read_group(
                    [("employee_id", "in", self.ids), ("check_in", ">=", since)],
                    ["employee_id"],
                    ["worked_hours:sum"],
                )
            }
        for employee in self:
            employee.crossborder_hours_recorded = recorded
            employee.crossborder_recorded_hours = hours.get(employee.id, 0.0) * 7 / RECORDED_DAYS

    # --- end part-timers' hours ---

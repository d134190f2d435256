# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.base.models.res_partner import _tz_get

from ..hiring.description import JobFacts, Task, render_description, weekly_load_minutes
from .crossborder_trial import OPEN_STATES

EMPLOYMENT_KINDS = [
    ("full_time", "Full-time"),
    ("part_time_student", "Part-time student"),
    ("virtual_assistant", "Virtual assistant"),
    ("intern", "Intern"),
]
PAY_UNITS = [("hour", "per hour"), ("week", "per week"), ("month", "per month")]
LOCATIONS = [("onsite", "On site"), ("remote", "Remote"), ("hybrid", "Hybrid")]


class HrJob(models.Model):
    _inherit = "hr.job"

    task_ids = fields.One2many("crossborder.job.task", "job_id", string="Delegated tasks")
    employment_kind = fields.Selection(EMPLOYMENT_KINDS, default="full_time", tracking=True)
    weekly_hours = fields.Float(
        default=40, tracking=True, help="Hours a week the position is paid for."
    )
    pay_rate = fields.Monetary(currency_field="pay_currency_id", tracking=True)
    pay_unit = fields.Selection(PAY_UNITS, default="hour")
    pay_currency_id = fields.Many2one(
        "res.currency",
        string="Pay currency",
        default=lambda self: self.env.company.currency_id,
        help="A virtual assistant abroad is often paid in USD or PHP, whatever the "
        "company's currency.",
    )
    language_ids = fields.One2many("crossborder.job.language", "job_id", string="Languages")
    location_mode = fields.Selection(LOCATIONS, string="Work location", default="onsite")
    work_country_id = fields.Many2one("res.country", string="Country")
    work_tz = fields.Selection(
        _tz_get, string="Time zone", help="Time zone the work hours refer to."
    )
    overlap_hours = fields.Float(
        string="Overlap with our hours",
        help="Hours a day the person must be online at the same time as the team.",
    )
    qualifications = fields.Text(translate=True)
    tasks_weekly_minutes = fields.Float(
        string="Task time a week (min)", digits=(16, 0), compute="_compute_task_load", store=True
    )
    tasks_weekly_hours = fields.Float(
        string="Task time a week (h)", compute="_compute_task_load", store=True
    )
    high_value_task_count = fields.Integer(compute="_compute_task_load", store=True)
    trial_days = fields.Integer(
        string="Trial length (days)",
        default=lambda self: self.env["res.config.settings"]._crossborder_trial_default(),
        help="Default length of the trial period of people hired for this position.",
    )
    pass_mark = fields.Float(
        string="Pass mark (%)",
        digits=(16, 0),
        default=lambda self: self.env["res.config.settings"]._crossborder_param("pass_mark"),
        help="Minimum final skill-test score to pass.",
    )
    skill_test_ids = fields.One2many("crossborder.skill.test", "job_id", string="Skill tests")
    skill_test_count = fields.Integer(compute="_compute_skill_test_count")

    def write(self, vals):
        if "company_id" in vals:
            self._crossborder_check_stays_in_company(vals["company_id"] or False)
        return super().write(vals)

    def _crossborder_check_stays_in_company(self, company_id):
        """A position whose skill test was sent, or whose trainee is on trial,
        stays in its company: moved, its tests went along and left its applicants
        and trainees behind, unreadable from the company that sent them
        (outside audit 63)."""
        moving = self.filtered(lambda job: job.company_id.id != company_id)
        if not moving:
            return
        # sudo: every sent test and running trial counts, whoever may read them
        held = (
            self.env["crossborder.skill.test.invitation"]
            .sudo()
            .search([("job_id", "in", moving.ids)], limit=1)
            .job_id
            or self.env["crossborder.trial"]
            .sudo()
            .search([("job_id", "in", moving.ids), ("state", "in", OPEN_STATES)], limit=1)
            .job_id
        )
        if held:
            raise UserError(
                self.env._(
                    "%(job)s has skill tests sent or trainees on trial in %(company)s: it "
                    "stays in that company. For another company, create a position there.",
                    job=held.name,
                    company=held.company_id.name,
                )
            )

    @api.depends("task_ids.weekly_minutes", "task_ids.value_class")
    def _compute_task_load(self):
        for job in self:
            job.tasks_weekly_minutes = sum(job.task_ids.mapped("weekly_minutes"))
            job.tasks_weekly_hours = job.tasks_weekly_minutes / 60.0
            job.high_value_task_count = len(
                job.task_ids.filtered(lambda t: t.value_class == "high")
            )

    def _compute_skill_test_count(self):
        counts = dict(
            self.env["crossborder.skill.test"]._read_group(
                [("job_id", "in", self.ids)], ["job_id"], ["__count"]
            )
        )
        for job in self:
            job.skill_test_count = counts.get(job, 0)

    @api.constrains("task_ids", "weekly_hours", "pay_rate")
    def _check_weekly_load(self):
        for job in self:
            if job.weekly_hours < 0 or job.pay_rate < 0:
                raise ValidationError(self.env._("Hours and pay cannot be negative."))
            load = weekly_load_minutes(job._task_facts())
            if job.task_ids and load > job.weekly_hours * 60 + 1e-6:
                raise ValidationError(
                    self.env._(
                        "The tasks of %(job)s take %(load)s hours a week, more than the "
                        "%(hours)s weekly hours of the position. Cut tasks or raise the hours.",
                        job=job.name,
                        load=round(load / 60, 2),
                        hours=job.weekly_hours,
                    )
                )

    @api.constrains("trial_days")
    def _check_trial_days(self):
        low, high = self.env["res.config.settings"]._crossborder_trial_bounds()
        for job in self:
            if job.trial_days and not low <= job.trial_days <= high:
                raise ValidationError(
                    self.env._(
                        "The trial of %(job)s must last between %(low)s and %(high)s days.",
                        job=job.name,
                        low=low,
                        high=high,
                    )
                )

    def _task_facts(self):
        self.ensure_one()
        return [
            Task(
                t.name,
                t.value_class,
                t.minutes_per_occurrence,
                t.occurrences_per_week,
                t.expected_result or "",
            )
            for t in self.task_ids
        ]

    def _job_facts(self):
        self.ensure_one()
        kinds = dict(self._fields["employment_kind"]._description_selection(self.env))
        units = dict(self._fields["pay_unit"]._description_selection(self.env))
        modes = dict(self._fields["location_mode"]._description_selection(self.env))
        levels = dict(
            self.env["crossborder.job.language"]._fields["level"]._description_selection(self.env)
        )
        pay = (
            self.env._(
                "Pay: %(amount)s %(currency)s %(unit)s",
                amount=f"{self.pay_rate:,.2f}",
                currency=self.pay_currency_id.name or "",
                unit=units.get(self.pay_unit, ""),
            )
            if self.pay_rate
            else self.env._("Pay: to be agreed")
        )
        where = modes.get(self.location_mode, "")
        if self.work_country_id:
            where = f"{where}, {self.work_country_id.name}"
        if self.location_mode != "onsite" and self.overlap_hours:
            where += self.env._(
                " (online at least %(hours)s h a day during our hours, %(tz)s)",
                hours=f"{self.overlap_hours:g}",
                tz=self.work_tz or self.env.user.tz or "UTC",
            )
        return JobFacts(
            name=self.name,
            kind_label=kinds.get(self.employment_kind, ""),
            weekly_hours=self.weekly_hours,
            pay_text=pay,
            location_text=self.env._("Location: %(where)s", where=where),
            languages=[f"{line.lang_id.name} ({levels[line.level]})" for line in self.language_ids],
            qualifications=self.qualifications or "",
            tasks=self._task_facts(),
        )

    def action_generate_description(self):
        labels = {
            "intro": self.env._(
                "A {kind} position of {hours} hours a week. You take over these tasks "
                "from the team:"
            ),
            "tasks": self.env._("What you will do"),
            "time": self.env._(
                "{per_week} times a week, about {minutes} minutes each ({total} a week)."
            ),
            "result": self.env._("Expected result: {result}."),
            "qualifications": self.env._("What you need"),
            "languages": self.env._("Languages"),
            "terms": self.env._("Terms"),
            "hours": self.env._("{hours} hours a week"),
        }
        for job in self:
            job.description = render_description(job._job_facts(), labels)
        return True

    def action_view_skill_tests(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crossborder_ops.crossborder_skill_test_action"
        )
        action["domain"] = [("job_id", "=", self.id)]
        action["context"] = {"default_job_id": self.id}
        return action

    def action_view_ranking(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crossborder_ops.hr_applicant_ranking_action"
        )
        action["domain"] = [("job_id", "=", self.id)]
        return action

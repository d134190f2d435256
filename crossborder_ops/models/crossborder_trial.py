# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

TRIAL_STATES = [
    ("in_progress", "In progress"),
    ("extended", "Extended"),
    ("confirmed", "Confirmed long-term"),
    ("ended", "Ended"),
]
DECISIONS = [("confirm", "Confirm long-term"), ("extend", "Extend"), ("end", "End")]


class CrossborderTrial(models.Model):
    """The trial period of a new hire against written expectations.

    The seed (004): a trial of two weeks to a month, onboarding to the company's
    values and goals, a written list of responsibilities and expected results,
    then a decision on long-term work.
    """

    _name = "crossborder.trial"
    _description = "Trial period"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_end, id"

    name = fields.Char(compute="_compute_name", store=True)
    employee_id = fields.Many2one("hr.employee", required=True, index=True, tracking=True)
    employee_user_id = fields.Many2one(
        related="employee_id.user_id", store=True, string="Employee user"
    )
    applicant_id = fields.Many2one("hr.applicant", index="btree_not_null", readonly=True)
    job_id = fields.Many2one("hr.job", tracking=True)
    employment_kind = fields.Selection(related="job_id.employment_kind", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    manager_id = fields.Many2one(
        "res.users",
        tracking=True,
        default=lambda self: self.env.user,
        help="Leads the trial, does the check-in and decides.",
    )
    date_start = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    date_end = fields.Date(required=True, tracking=True)
    checkin_date = fields.Date(
        string="Mid-trial check-in", compute="_compute_checkin_date", store=True, readonly=False
    )
    checkin_done = fields.Boolean(string="Check-in done", tracking=True)
    checkin_note = fields.Html(string="Check-in notes")
    state = fields.Selection(
        TRIAL_STATES, default="in_progress", required=True, tracking=True, index=True
    )
    onboarding_ids = fields.One2many("crossborder.trial.onboarding", "trial_id")
    result_ids = fields.One2many("crossborder.trial.result", "trial_id", string="Expected results")
    onboarding_progress = fields.Float(compute="_compute_progress", string="Onboarding (%)")
    results_met = fields.Integer(compute="_compute_progress", string="Results met")
    decision = fields.Selection(DECISIONS, readonly=True, tracking=True)
    decision_date = fields.Date(readonly=True)
    decision_note = fields.Text(readonly=True)
    reminder_sent = fields.Boolean(readonly=True, copy=False)
    duration_days = fields.Integer(compute="_compute_duration_days", string="Length (days)")

    @api.depends("employee_id.name", "job_id.name")
    def _compute_name(self):
        for trial in self:
            trial.name = " · ".join(filter(None, [trial.employee_id.name, trial.job_id.name]))

    @api.depends("date_start", "date_end")
    def _compute_checkin_date(self):
        for trial in self:
            if trial.date_start and trial.date_end:
                trial.checkin_date = trial.date_start + (trial.date_end - trial.date_start) / 2
            else:
                trial.checkin_date = False

    @api.depends("onboarding_ids.done", "result_ids.rating")
    def _compute_progress(self):
        for trial in self:
            items = trial.onboarding_ids
            trial.onboarding_progress = (
                100.0 * len(items.filtered("done")) / len(items) if items else 0.0
            )
            trial.results_met = len(trial.result_ids.filtered(lambda r: r.rating == "met"))

    @api.depends("date_start", "date_end")
    def _compute_duration_days(self):
        for trial in self:
            trial.duration_days = (
                (trial.date_end - trial.date_start).days
                if trial.date_start and trial.date_end
                else 0
            )

    @api.constrains("date_start", "date_end")
    def _check_bounds(self):
        low, high = self.env["res.config.settings"]._crossborder_trial_bounds()
        for trial in self:
            days = (trial.date_end - trial.date_start).days
            if not low <= days <= high:
                raise ValidationError(
                    self.env._(
                        "A trial lasts between %(low)s and %(high)s days; %(trial)s would last "
                        "%(days)s days.",
                        low=low,
                        high=high,
                        trial=trial.name or trial.employee_id.name,
                        days=days,
                    )
                )

    # ------------------------------------------------------------------
    @api.model
    def _default_onboarding(self, job):
        _ = self.env._
        items = [
            (_("Company values explained"), "values"),
            (_("Goals of the first month agreed"), "goals"),
            (_("Tools granted: chatbot, answer templates, shared drive"), "tool"),
            (_("Product description and support e-mail templates handed over"), "tool"),
        ]
        if job.employment_kind != "full_time":
            items.append(
                (
                    _("Confidentiality agreement signed (product designs stay company property)"),
                    "confidentiality",
                )
            )
        return [(0, 0, {"name": name, "kind": kind}) for name, kind in items]

    @api.model
    def _open_for_applicants(self, applicants):
        """One trial per hired applicant, expected results copied from the job's tasks."""
        today = fields.Date.context_today(self)
        default_days = self.env["res.config.settings"]._crossborder_trial_default()
        values = []
        for applicant in applicants:
            job = applicant.job_id
            start = max(applicant.availability or today, today)
            tasks = job.task_ids.filtered(lambda t: t.value_class != "high")
            values.append(
                {
                    "employee_id": applicant.employee_id.id,
                    "applicant_id": applicant.id,
                    "job_id": job.id,
                    "company_id": applicant.company_id.id or self.env.company.id,
                    "manager_id": (job.user_id or applicant.user_id or self.env.user).id,
                    "date_start": start,
                    "date_end": start + timedelta(days=job.trial_days or default_days),
                    "onboarding_ids": self._default_onboarding(job),
                    "result_ids": [
                        (
                            0,
                            0,
                            {
                                "name": task.name,
                                "expected_result": task.expected_result or "",
                                "sequence": task.sequence,
                            },
                        )
                        for task in tasks
                    ],
                }
            )
        trials = self.create(values)
        for trial in trials:
            trial.employee_id.sudo().write(  # HR data of the new hire, set once on hire
                {
                    "crossborder_employment_kind": trial.job_id.employment_kind,
                    "crossborder_source_id": trial.applicant_id.source_id.id,
                    "crossborder_hire_date": trial.date_start,
                }
            )
            trial.message_post(
                body=self.env._(
                    "Trial opened for %(employee)s until %(end)s, with %(count)s expected results "
                    "from the tasks of %(job)s.",
                    employee=trial.employee_id.name,
                    end=fields.Date.to_string(trial.date_end),
                    count=len(trial.result_ids),
                    job=trial.job_id.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
            if trial.manager_id:
                trial.activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=trial.checkin_date,
                    summary=self.env._("Mid-trial check-in"),
                    user_id=trial.manager_id.id,
                )
        return trials

    def _apply_decision(self, decision, note=False, new_end=False):
        """Confirm, extend or end; the end of the trial goes on the contract
        (``trial_date_end`` of the employee's current version)."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        if self.state in ("confirmed", "ended"):
            raise UserError(self.env._("This trial is already decided."))
        if decision == "confirm" and self.result_ids.filtered(lambda r: not r.rating):
            raise UserError(
                self.env._(
                    "Rate every expected result before confirming: %(result)s has no final "
                    "evaluation.",
                    result=self.result_ids.filtered(lambda r: not r.rating)[0].name,
                )
            )
        values = {"decision": decision, "decision_date": today, "decision_note": note}
        if decision == "extend":
            if not new_end or new_end <= self.date_end:
                raise UserError(
                    self.env._("An extension needs a new end date after the current one.")
                )
            values.update(state="extended", date_end=new_end, reminder_sent=False)
            trial_end = new_end
        elif decision == "confirm":
            values["state"] = "confirmed"
            trial_end = self.date_end
        else:
            values["state"] = "ended"
            trial_end = min(today, self.date_end)
        self.write(values)
        version = self.employee_id.sudo().version_id  # the decision goes on the contract
        version.write({"trial_date_end": trial_end})
        labels = dict(self._fields["decision"]._description_selection(self.env))
        self.message_post(
            body=self.env._(
                "Decision: %(decision)s (trial end %(end)s). %(note)s",
                decision=labels[decision],
                end=fields.Date.to_string(trial_end),
                note=note or "",
            ),
            subtype_xmlid="mail.mt_note",
        )
        self.activity_ids.action_feedback(feedback=labels[decision])
        return True

    def action_open_decision(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "crossborder.trial.decision",
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Trial decision"),
            "context": {"default_trial_id": self.id},
        }

    def action_print_agreement(self):
        return self.env.ref("crossborder_ops.action_report_trial_agreement").report_action(self)

    # ------------------------------------------------------------------
    @api.model
    def _cron_remind(self, batch_size=200):
        processed, remaining = self._remind_batch(batch_size)
        self.env["ir.cron"]._commit_progress(processed, remaining=remaining)

    @api.model
    def _remind_batch(self, batch_size=200, today=None):
        """Activity for the manager N days before the end of the trial (once)."""
        today = today or fields.Date.context_today(self)
        days = self.env["res.config.settings"]._crossborder_param("trial_reminder_days")
        domain = [
            ("state", "in", ("in_progress", "extended")),
            ("reminder_sent", "=", False),
            ("date_end", "<=", today + timedelta(days=days)),
        ]
        trials = self.search(domain, limit=batch_size)
        for trial in trials:
            trial.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=trial.date_end,
                summary=self.env._(
                    "Decide on the trial of %(employee)s (ends %(end)s)",
                    employee=trial.employee_id.name,
                    end=fields.Date.to_string(trial.date_end),
                ),
                user_id=(trial.manager_id or self.env.user).id,
            )
        trials.write({"reminder_sent": True})
        return len(trials), self.search_count(domain)

# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

TRIAL_STATES = [
    ("in_progress", "In progress"),
    ("extended", "Extended"),
    ("confirmed", "Confirmed long-term"),
    ("ended", "Ended"),
]
DECISIONS = [("confirm", "Confirm long-term"), ("extend", "Extend"), ("end", "End")]
# written only by _apply_decision and the reminder cron (through sudo, after their checks)
DECISION_FIELDS = frozenset(
    ("state", "decision", "decision_date", "decision_note", "reminder_sent")
)
# who is on the trial, who leads it and its dates: HR only
HR_FIELDS = frozenset(
    ("employee_id", "manager_id", "company_id", "applicant_id", "job_id", "date_start", "date_end")
)


class CrossborderTrial(models.Model):
    """The trial period of a new hire against written expectations.

    From the owner's notes on hiring a virtual assistant: a trial of two weeks to a
    month, onboarding to the company's values and goals, a written list of
    responsibilities and expected results, then a decision on long-term work.
    """

    _name = "crossborder.trial"
    _description = "Trial period"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_end, id"
    _check_company_auto = True
    # the trainee only reads his trial; he comments on it in the chatter
    _mail_post_access = "read"

    name = fields.Char(compute="_compute_name", store=True)
    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, tracking=True, check_company=True
    )
    employee_user_id = fields.Many2one(
        related="employee_id.user_id", store=True, string="Employee user"
    )
    applicant_id = fields.Many2one(
        "hr.applicant", index="btree_not_null", readonly=True, check_company=True
    )
    job_id = fields.Many2one("hr.job", tracking=True, check_company=True)
    employment_kind = fields.Selection(related="job_id.employment_kind", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    manager_id = fields.Many2one(
        "res.users",
        tracking=True,
        default=lambda self: self.env.user,
        check_company=True,
        help="Leads the trial, does the check-in, rates the expected results and decides "
        "(with HR). Never the trainee himself.",
    )
    date_start = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    date_end = fields.Date(required=True, tracking=True)
    checkin_date = fields.Date(
        string="Mid-trial check-in", compute="_compute_checkin_date", store=True, readonly=False
    )
    checkin_done = fields.Boolean(string="Check-in done", tracking=True)
    checkin_note = fields.Html(string="Check-in notes")
    state = fields.Selection(
        TRIAL_STATES,
        default="in_progress",
        required=True,
        tracking=True,
        index=True,
        readonly=True,
        # kanban columns in the order of a trial's life, empty ones included
        group_expand=True,
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
    can_decide = fields.Boolean(
        compute="_compute_can_decide", help="You lead this trial or are HR: you rate and decide."
    )
    is_hr = fields.Boolean(compute="_compute_can_decide", string="HR")

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

    @api.depends("manager_id", "employee_user_id", "state")
    @api.depends_context("uid")
    def _compute_can_decide(self):
        is_hr = self.env.su or self.env.user._crossborder_is_hr()
        for trial in self:
            trial.is_hr = is_hr
            trial.can_decide = trial._crossborder_may_decide()

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
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._crossborder_check_values(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._crossborder_check_values(vals, self)
        return super().write(vals)

    @api.model
    def _crossborder_check_values(self, vals, trials=None):
        """Who may write what, on every path (form, import, RPC): the decision
        fields only through the decision, the people and dates only by HR."""
        if self.env.su:
            return
        decided = DECISION_FIELDS.intersection(vals)
        if trials is not None:
            decided = {
                fname for fname in decided if trials._crossborder_changes(fname, vals[fname])
            }
        elif vals.get("state", "in_progress") == "in_progress":
            decided = {fname for fname in decided if vals[fname]} - {"state"}
        if decided:
            raise AccessError(
                self.env._(
                    "The state and the decision of a trial change only through its Decide "
                    "button, used by the trial's manager or HR."
                )
            )
        people = HR_FIELDS.intersection(vals)
        if trials is not None:
            people = {fname for fname in people if trials._crossborder_changes(fname, vals[fname])}
        if people and not self.env.user._crossborder_is_hr():
            raise AccessError(
                self.env._(
                    "Only HR change who is on a trial, who leads it, its position and its dates."
                )
            )

    def _crossborder_changes(self, fname, value):
        """Whether writing ``value`` in ``fname`` changes any of these trials."""
        field = self._fields[fname]
        for trial in self:
            new = field.convert_to_record(field.convert_to_cache(value, trial), trial)
            if trial[fname] != new:
                return True
        return False

    def _crossborder_may_decide(self):
        """HR, or the manager of the trial; never the trainee himself."""
        self.ensure_one()
        if self.env.su:
            return True
        user = self.env.user
        # read who leads the trial and who is on it to check the caller, nothing else
        trial = self.sudo()
        if trial.employee_user_id == user:
            return False
        return trial.manager_id == user or user._crossborder_is_hr()

    def _crossborder_check_decider(self):
        """Raise unless the caller may rate and decide each of these trials."""
        for trial in self:
            if not trial._crossborder_may_decide():
                raise AccessError(
                    self.env._(
                        "Only the manager of the trial of %(employee)s or HR rate it and "
                        "decide on it.",
                        employee=trial.sudo().employee_id.name,
                    )
                )

    def _crossborder_check_rating(self):
        """Expected results and onboarding items are rated by the trial's manager or
        HR, until the trial is decided."""
        if self.env.su:
            return
        self._crossborder_check_decider()
        # read the state to check it, nothing else
        decided = self.sudo().filtered(lambda trial: trial.state in ("confirmed", "ended"))
        if decided:
            raise UserError(
                self.env._(
                    "The trial of %(employee)s is decided: its expected results and onboarding "
                    "no longer change.",
                    employee=decided[0].employee_id.name,
                )
            )

    # ------------------------------------------------------------------
    @api.model
    def _default_onboarding(self, job):
        """The onboarding items of Configuration, as the trial's own lines."""
        items = self.env["crossborder.onboarding.item"].search([])
        return [(0, 0, values) for values in items._trial_lines(job)]

    @api.model
    def _open_for_applicants(self, applicants):
        """One trial per hired applicant, expected results copied from the job's tasks.

        Called in sudo by ``hr.applicant._crossborder_open_trials`` once it has checked
        that the caller is HR."""
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
            # safe: HR data of the new hire, set once on hire by HR (caller checked by
            # hr.applicant._crossborder_open_trials before it called us)
            trial.employee_id.sudo().write(
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
        self._crossborder_check_decider()
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
        # safe: the caller is the trial's manager or HR (checked above), and the
        # decision fields are written nowhere else
        self.sudo().write(values)
        # safe: same check; the decision goes on the contract, which the manager cannot edit
        version = self.employee_id.sudo().version_id
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
        # safe: same check; the manager's reminders are closed by whoever decides
        self.sudo().activity_ids.action_feedback(feedback=labels[decision])
        return True

    def action_open_decision(self):
        self.ensure_one()
        self._crossborder_check_decider()
        return {
            "type": "ir.actions.act_window",
            "res_model": "crossborder.trial.decision",
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Trial decision"),
            "context": {"default_trial_id": self.id},
        }

    def action_print_agreement(self):
        # data={}: stock puts None there, which XML-RPC clients cannot receive
        return self.env.ref("crossborder_ops.action_report_trial_agreement").report_action(
            self, data={}
        )

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
        # safe: bookkeeping of the scheduled action (private, never called over RPC)
        trials.sudo().write({"reminder_sent": True})
        return len(trials), self.search_count(domain)

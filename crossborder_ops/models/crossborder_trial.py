# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from collections import defaultdict
from contextlib import contextmanager
from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import format_date

from ..locks import write_rows_first

_logger = logging.getLogger(__name__)

TRIAL_STATES = [
    ("in_progress", "In progress"),
    ("extended", "Extended"),
    ("confirmed", "Confirmed long-term"),
    ("ended", "Ended"),
]
DECISIONS = [("confirm", "Confirm long-term"), ("extend", "Extend"), ("end", "End")]
# written only by _apply_decision and the reminder cron (through sudo, after their checks)
DECISION_FIELDS = frozenset(
    (
        "state",
        "decision",
        "decision_date",
        "decision_note",
        "reminder_sent",
        "reminder_activity_id",
        "checkin_activity_id",
    )
)
# who is on the trial, who leads it and its dates: HR only
# the terms of a contract that a confirmation may change (hr.version fields)
CONTRACT_FIELDS = frozenset(("resource_calendar_id", "wage", "employee_type", "contract_type_id"))
HR_FIELDS = frozenset(
    ("employee_id", "manager_id", "company_id", "applicant_id", "job_id", "date_start", "date_end")
)
# what a decision is about: whose trial, for which position, from when to when (the
# decision wrote its end on that employee's contract) and the check-in it was taken on
# (rewritten or unticked afterwards: outside audit 76, L1); who follows it up stays HR's
DECIDED_FIELDS = frozenset(
    (
        "employee_id",
        "applicant_id",
        "job_id",
        "date_start",
        "date_end",
        "checkin_date",
        "checkin_done",
        "checkin_note",
    )
)
OPEN_STATES = ("in_progress", "extended")
DECIDED_STATES = ("confirmed", "ended")
# decisions taken on the written expectations: every expected result rated first
JUDGING_DECISIONS = ("confirm", "end")
CREATING_KEY = "crossborder_trial_creating"
# the notes on written lists gathered until the end of the call that changes them
LIST_NOTES_KEY = "crossborder_trial_list_notes"


class CrossborderTrial(models.Model):
    """The trial period of a new hire against written expectations.

    From the owner's notes on hiring a virtual assistant: a trial of two weeks to a
    month, onboarding to the company's values and goals, a written list of
    responsibilities and expected results, then a decision on long-term work.
    """

    _name = "crossborder.trial"
    _description = "Trial period"
    # the evidence mixin first: it extends mail.thread
    _inherit = ["crossborder.evidence.thread.mixin", "mail.thread", "mail.activity.mixin"]
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
    # the manager's to-dos the trial keeps up to date (dates, manager, check-in)
    reminder_activity_id = fields.Many2one(
        "mail.activity", string="Decision reminder", readonly=True, copy=False, ondelete="set null"
    )
    checkin_activity_id = fields.Many2one(
        "mail.activity", string="Check-in to-do", readonly=True, copy=False, ondelete="set null"
    )
    duration_days = fields.Integer(compute="_compute_duration_days", string="Length (days)")
    can_decide = fields.Boolean(
        compute="_compute_can_decide", help="You lead this trial or are HR: you rate and decide."
    )
    is_hr = fields.Boolean(compute="_compute_can_decide", string="HR")
    list_locked = fields.Boolean(
        compute="_compute_can_decide",
        string="Written list agreed",
        help="The trial is past its first day (the trainee's day, where he works): its "
        "responsibilities and expected results are the ones agreed with the trainee; only an HR "
        "manager changes or removes them.",
    )

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

    @api.depends("manager_id", "employee_user_id", "state", "date_start", "employee_id.tz")
    @api.depends_context("uid")
    def _compute_can_decide(self):
        is_hr = self.env.su or self.env.user._crossborder_is_hr()
        is_hr_manager = self.env.su or self.env.user._crossborder_is_hr_manager()
        agreed = self.filtered("date_start")._crossborder_agreed()
        for trial in self:
            trial.is_hr = is_hr
            trial.can_decide = trial._crossborder_may_decide()
            # mirrors _crossborder_check_list_change
            trial.list_locked = not is_hr_manager and trial in agreed

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

    @api.constrains("employee_id", "applicant_id", "state")
    def _check_one_trial(self):
        """One trial per hired applicant, whatever its state, and one open trial per
        employee: a second one (a copy, a trial typed by hand) would be decided
        without the first one's expected results, and the reports would read
        whichever is newest. A decided trial stays the applicant's trial."""
        open_trials = self.filtered(lambda trial: trial.state in OPEN_STATES)
        # sudo: every trial counts, whoever may read it
        others = (
            self.sudo()
            .search(
                Domain("applicant_id", "in", self.applicant_id.ids)
                | (
                    Domain("state", "in", OPEN_STATES)
                    & Domain("employee_id", "in", open_trials.employee_id.ids)
                )
            )
            .with_env(self.env)
        )
        for trial in self:
            if trial.applicant_id and (others - trial).filtered(
                lambda other, trial=trial: other.applicant_id == trial.applicant_id
            ):
                raise ValidationError(
                    self.env._(
                        "%(applicant)s already has a trial: a hired applicant has one trial. "
                        "Extend it while it runs; a decided trial stays as decided.",
                        applicant=trial.applicant_id.partner_name or trial.employee_id.name,
                    )
                )
            if trial in open_trials and (others - trial).filtered(
                lambda other, trial=trial: other.state in OPEN_STATES
                and other.employee_id == trial.employee_id
            ):
                raise ValidationError(
                    self.env._(
                        "%(employee)s already has a trial in progress: decide on it before "
                        "opening another one.",
                        employee=trial.employee_id.name,
                    )
                )

    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._crossborder_check_values(vals)
        self._crossborder_lock_people(
            [vals.get("employee_id") for vals in vals_list],
            [vals.get("applicant_id") for vals in vals_list],
        )
        # the lines written with a new trial are its written list, not additions to
        # an agreed one (crossborder.trial.line.mixin): said on the cursor, which no
        # client reaches, for the time of this create only
        creating = self.env.cr.cache.setdefault(CREATING_KEY, [0])
        creating[0] += 1
        try:
            return super().create(vals_list)
        finally:
            creating[0] -= 1

    @api.model
    def _crossborder_creating(self):
        """Whether a trial is being created on this cursor (its lines with it)."""
        return bool(self.env.cr.cache.get(CREATING_KEY, [0])[0])

    @api.ondelete(at_uninstall=False)
    def _unlink_except_own(self):
        self._crossborder_check_not_own()

    @api.ondelete(at_uninstall=False)
    def _unlink_except_decided(self):
        """A decided trial stays as decided: its end is written on the employee's
        contract, and the funnel and *Tests judged by outcomes* count its decision."""
        decided = self._crossborder_decided()
        if decided:
            raise UserError(
                self.env._(
                    "The trial of %(employee)s is decided (%(state)s): it stays, with its "
                    "decision, since the contract and the hiring reports read it.",
                    employee=decided[0].employee_id.name,
                    state=dict(decided._fields["state"]._description_selection(self.env))[
                        decided[0].state
                    ],
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_agreed_by_hr_manager(self):
        """A trial past its first day holds the written list agreed with the
        trainee: deleting it removes the whole list, which only an HR manager
        may (a trial opened by mistake is deleted on its first day). A decided
        trial is refused for its decision (above), whatever the hour."""
        agreed = (self - self._crossborder_decided())._crossborder_agreed()
        if agreed and not self.env.su and not self.env.user._crossborder_is_hr_manager():
            raise UserError(
                self.env._(
                    "The trial of %(employee)s is past its first day: it holds the "
                    "responsibilities and expected results agreed with the trainee. Only an "
                    "HR manager deletes it.",
                    employee=agreed[0].sudo().employee_id.name,
                )
            )

    def _crossborder_decided(self):
        """The confirmed or ended trials of ``self``: what is decided stays."""
        # read the state to check it, nothing else
        return self.sudo().filtered(lambda trial: trial.state in DECIDED_STATES)

    def _crossborder_lock(self):
        """A decision and the ratings it reads are taken one after the other: both
        write the trial's row first, so that a rating saved while HR confirm (or
        a confirmation while the manager clears a rating) waits for the other,
        then fails to serialize and runs again on what the other saved (refused:
        the trial is decided, or a result has no rating). A row lock alone would
        not do: ``try_lock_for_update()`` skips a locked row instead of waiting,
        and after waiting on a ``FOR UPDATE`` that the other only took (a rating
        writes the result, not the trial), repeatable read still reads the ratings
        as they were when the transaction began."""
        write_rows_first(self)

    @api.model
    def _crossborder_lock_people(self, employee_ids, applicant_ids):
        """Trials are opened for an employee, and for a hired applicant, one after
        the other (``_check_one_trial``): whatever opens one (the hire, a trial typed
        by HR) writes the employee's and the applicant's rows first, so that two
        trials opened at once wait for each other, and the second fails to
        serialize and runs again on the trial the first opened (refused, or the
        hire keeps it). Checked on its own, each saw no trial in progress and the
        employee had two."""
        write_rows_first(self.env["hr.employee"].browse(filter(None, employee_ids)))
        write_rows_first(self.env["hr.applicant"].browse(filter(None, applicant_ids)))

    def copy(self, default=None):
        if not self:
            return super().copy(default)
        raise UserError(
            self.env._(
                "A trial is not duplicated: it opens when a hired applicant becomes an "
                "employee, with the expected results of the position. Create a new trial "
                "for another employee instead."
            )
        )

    def write(self, vals):
        self._crossborder_check_values(vals, self)
        if vals.get("date_start"):
            # a start moved back to today or later would make an agreed list a
            # draft again, free to reword without a word in the chatter
            start = fields.Date.to_date(vals["date_start"])
            moved = self.sudo().filtered(lambda trial: start >= trial._crossborder_today())
            moved.with_env(self.env)._crossborder_check_list_change()
        if {"employee_id", "applicant_id", "state"}.intersection(vals):
            self._crossborder_lock_people(
                [vals.get("employee_id", trial.employee_id.id) for trial in self],
                [vals.get("applicant_id", trial.applicant_id.id) for trial in self],
            )
        previous = {}
        if vals.get("manager_id"):
            # who led each trial before (or nobody), to hand his to-dos over (HR only:
            # checked above)
            previous = {
                trial: trial.manager_id
                for trial in self.sudo()
                if trial.manager_id.id != vals["manager_id"]
            }
        # trials whose dates HR moves (an extension moves them by its decision)
        moved = self.browse()
        if {"date_start", "date_end", "checkin_date"}.intersection(vals) and "decision" not in vals:
            moved = self.filtered(lambda t: t.state in OPEN_STATES)
        # the lines added, changed and removed by this save: one note per trial
        with self._crossborder_list_note():
            result = super().write(vals)
        if previous:
            self._crossborder_hand_over(previous)
        if vals.get("checkin_done"):
            # safe: the caller checked in (his write passed); the to-do is the system's
            self.sudo().checkin_activity_id.filtered("active").action_feedback(
                feedback=self.env._("Check-in done.")
            )
        if moved:
            moved._crossborder_follow_dates()
        return result

    def _crossborder_follow_dates(self):
        """New dates of trials in progress: the check-in to-do is due on the new
        check-in date, and the "Decide" to-do already given is made again with the
        new end (the scheduled action gives it when the end comes near)."""
        # safe: HR changed the dates (_crossborder_check_values); the to-dos are the
        # system's, on the manager's name
        trials = self.sudo()
        for trial in trials.filtered(lambda t: t.checkin_activity_id.active and t.checkin_date):
            trial.checkin_activity_id.date_deadline = trial.checkin_date
        stale = trials.filtered("reminder_sent")
        stale.reminder_activity_id.filtered("active").unlink()
        stale.write({"reminder_sent": False})
        self._remind_batch(trials=stale)

    def _crossborder_hand_over(self, previous):
        """A trial's new manager takes over the open to-dos its previous manager had on
        it (check-in, "Decide on the trial"); a running trial whose reminder the
        previous manager no longer has open reminds the new one again. ``previous``:
        {trial (sudo): its previous manager}."""
        # safe: the caller changed the manager, which only HR do (_crossborder_check_values);
        # the to-dos are the previous manager's, which HR may not otherwise write
        activities = (
            self.env["mail.activity"]
            .sudo()
            .search([("res_model", "=", self._name), ("res_id", "in", [t.id for t in previous])])
        )
        by_trial = {trial.id: trial for trial in previous}
        moved = activities.filtered(
            lambda activity: activity.user_id == previous[by_trial[activity.res_id]]
        )
        for manager, group in moved.grouped(lambda a: by_trial[a.res_id].manager_id).items():
            group.write({"user_id": manager.id})
        remind_again = self.browse(
            [
                trial.id
                for trial in previous
                if trial.state in OPEN_STATES
                and trial.reminder_sent
                and trial.id not in moved.mapped("res_id")
            ]
        )
        # safe: bookkeeping of the reminder, as the scheduled action writes it
        remind_again.sudo().write({"reminder_sent": False})
        self._remind_batch(trials=remind_again)

    @api.model
    def _crossborder_check_no_open_trial(self, employees):
        """An employee on a trial in progress stays until the trial is decided: its
        End archives him (or starts his offboarding) and reopens the position; archived
        from the employee's side, the trial would run on for someone who left."""
        # sudo: every open trial counts, whoever may read it
        running = self.sudo().search(
            [("employee_id", "in", employees.ids), ("state", "in", OPEN_STATES)], limit=1
        )
        if running:
            raise UserError(
                self.env._(
                    "%(employee)s is on a trial in progress: decide on the trial first (its "
                    "End archives the employee and reopens the position).",
                    employee=running.employee_id.name,
                )
            )

    @api.model
    def _crossborder_check_trial_company(self, employees, company_id):
        """An employee on a trial in progress stays in the trial's company: moved,
        his trial, its application and its decision would be another company's
        records linked to him (outside audit 61, F3)."""
        # sudo: every open trial counts, whoever may read it
        running = self.sudo().search(
            [
                ("employee_id", "in", employees.ids),
                ("state", "in", OPEN_STATES),
                ("company_id", "!=", company_id or False),
            ],
            limit=1,
        )
        if running:
            raise UserError(
                self.env._(
                    "%(employee)s is on a trial of %(company)s in progress: decide on the "
                    "trial before he moves to another company.",
                    employee=running.employee_id.name,
                    company=running.company_id.name,
                )
            )

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
            trials._crossborder_check_not_own(vals)
        if people and not self.env.user._crossborder_is_hr():
            raise AccessError(
                self.env._(
                    "Only HR change who is on a trial, who leads it, its position and its dates."
                )
            )
        if trials is not None:
            closed = trials._crossborder_decided()
            if any(
                closed._crossborder_changes(fname, vals[fname])
                for fname in DECIDED_FIELDS.intersection(vals)
            ):
                raise UserError(
                    self.env._(
                        "The trial of %(employee)s is decided: its employee, position, "
                        "dates and check-in no longer change.",
                        employee=closed[0].employee_id.name,
                    )
                )

    def _crossborder_about_caller(self):
        """The caller's own trials among these (``mail.thread``): their followers
        and others' to-dos stay as they are."""
        if self.env.su:
            return self.browse()
        # sudo: who is on each trial, to compare him with the caller
        own = self.sudo().filtered(lambda trial: trial.employee_user_id == self.env.user)
        return own.with_env(self.env)

    def _crossborder_own_message(self):
        """Why the trainee changes nothing on his trial (``mail.thread``), even as HR
        or made his own manager: its dates (an extension without a decision), its
        check-in and who leads it are for its manager and HR, and he does not
        delete it."""
        return self.env._(
            "This is your own trial (%(employee)s): you read it and comment it "
            "in the chatter; its manager and HR change it.",
            employee=self.sudo().employee_id.name,
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
        self._crossborder_lock()
        decided = self._crossborder_decided()
        if decided:
            raise UserError(
                self.env._(
                    "The trial of %(employee)s is decided: its expected results and onboarding "
                    "no longer change.",
                    employee=decided[0].employee_id.name,
                )
            )

    def _crossborder_check_rated(self, decision):
        """Confirming or ending a trial is a decision on its written expectations:
        every expected result is rated first. An extension is not (too early to
        judge): it needs no rating."""
        self.ensure_one()
        if decision not in JUDGING_DECISIONS:
            return
        unrated = self.result_ids.filtered(lambda result: not result.rating)
        if not unrated:
            return
        if decision == "confirm":
            message = self.env._(
                "Rate every expected result before confirming: %(result)s has no final evaluation.",
                result=unrated[0].name,
            )
        else:
            message = self.env._(
                "Rate every expected result before ending the trial: %(result)s has no "
                "final evaluation. The end is decided on the expectations agreed at the "
                "start; extend the trial if it is too early to judge.",
                result=unrated[0].name,
            )
        raise UserError(message)

    # --- the written list (responsibilities and expected results) ---
    def _crossborder_agreed(self):
        """The trials of ``self`` whose written list is agreed: past their first day,
        the day it is gone through with the trainee (a trial made at the hire starts
        that day, with the list drawn from the position's tasks). Until then the
        list is still being written."""
        # read the start to check it, nothing else
        return (
            self.sudo()
            .filtered(lambda trial: trial.date_start < trial._crossborder_today())
            .with_env(self.env)
        )

    def _crossborder_today(self):
        """The trial's today: the calendar day where the trainee works (his time
        zone), the same for HR, his manager and himself wherever they sit, so that
        the day his list is agreed does not move with the reader's clock. Read in
        sudo by the callers."""
        self.ensure_one()
        tz = self.employee_id.tz or self.env.context.get("tz")
        return fields.Date.context_today(self.with_context(tz=tz))

    def _crossborder_check_list_change(self):
        """Raise unless the caller may reword, retarget or delete what was agreed on
        these trials: HR managers, whose changes the chatter says."""
        if self.env.su:
            return
        agreed = self._crossborder_agreed()
        if agreed and not self.env.user._crossborder_is_hr_manager():
            raise UserError(
                self.env._(
                    "The trial of %(employee)s is past its first day: its responsibilities and "
                    "expected results are the ones agreed with the trainee, and are rated as "
                    "written. Only an HR manager corrects or removes one (the trial's "
                    "chatter then says what changed).",
                    employee=agreed[0].sudo().employee_id.name,
                )
            )

    @contextmanager
    def _crossborder_list_note(self):
        """What the written lists lose, gain and change inside this block (a save of
        the trial's form that adds, rewords and removes lines, one call on the lines)
        is said at its end, in one note per trial, as Odoo's tracking says the
        fields of one save. Gathered on the cursor, which no client reaches; an
        inner block leaves it to the outermost one, and an error drops it with the
        changes."""
        pending = self.env.cr.cache.setdefault(LIST_NOTES_KEY, [])
        if pending:
            yield
            return
        lines_by_trial = defaultdict(list)
        pending.append(lines_by_trial)
        try:
            yield
        finally:
            pending.clear()
        self._crossborder_post_list_notes(lines_by_trial)

    @api.model
    def _crossborder_post_list_changes(self, lines_by_trial):
        """Say what changed in the trials' agreed lists, for the trainee, his manager
        and HR: ``lines_by_trial`` {trial: [text of a change]}; at the end of the
        call that changes them, if one gathers them (``_crossborder_list_note``)."""
        pending = self.env.cr.cache.get(LIST_NOTES_KEY)
        if not pending:
            self._crossborder_post_list_notes(lines_by_trial)
            return
        for trial, lines in lines_by_trial.items():
            pending[0][trial].extend(lines)

    @api.model
    def _crossborder_post_list_notes(self, lines_by_trial):
        """One note per trial listing its changes: ``lines_by_trial``
        {trial: [text of a change]}."""
        for trial, lines in lines_by_trial.items():
            if not lines:
                continue
            items = Markup("").join(Markup("<li>%s</li>") % line for line in lines)
            # the caller changed the list (checked by _crossborder_check_list_change);
            # he writes the note in his own name, as any note on the trial
            trial.message_post(
                body=Markup("<p>%s</p><ul>%s</ul>")
                % (
                    self.env._("The written list agreed at the start of the trial changed:"),
                    items,
                ),
                subtype_xmlid="mail.mt_note",
            )

    # --- end the written list ---

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
                    end=format_date(self.env, trial.date_end),
                    count=len(trial.result_ids),
                    job=trial.job_id.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
            if trial.manager_id:
                checkin = trial.activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=trial.checkin_date,
                    summary=self.env._("Mid-trial check-in"),
                    user_id=trial.manager_id.id,
                )
                # safe: the system's bookkeeping of the to-do it just made
                trial.sudo().checkin_activity_id = checkin
        return trials

    def _apply_decision(self, decision, note=False, new_end=False, contract=None, seen=None):
        """Confirm, extend or end; the end of the trial goes on the contract
        (``trial_date_end`` of the employee's current version). ``contract``: the
        new terms of a confirmation (see ``_crossborder_contract_changes``).
        ``seen``: the trial as the decider saw it (``_crossborder_decision_basis``),
        if he decided from the window: someone else's decision or rating since then
        refuses his (``_crossborder_check_seen``)."""
        self.ensure_one()
        self._crossborder_check_decider()
        self._crossborder_lock()
        if seen is not None:
            self._crossborder_check_seen(seen)
        if decision == "confirm" and contract:
            # checked before anything is written: only HR change a contract
            self._crossborder_contract_changes(contract)
        today = fields.Date.context_today(self)
        if self.state in DECIDED_STATES:
            raise UserError(self.env._("This trial is already decided."))
        self._crossborder_check_rated(decision)
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
        # --- trial end that acts (issue 16) ---
        if decision == "confirm" and contract:
            self._crossborder_update_contract(contract)
        elif decision == "end":
            self._crossborder_end_acts(trial_end, note)
        # --- end trial end that acts ---
        return True

    def _crossborder_check_seen(self, seen):
        """Refuse a decision taken on the trial as ``seen`` (the window's basis) when
        it has changed since, saying how it is now and who changed it."""
        if seen and seen == self._crossborder_decision_basis():
            return
        # sudo: who changed it last, the trial or one of its ratings
        trial = self.sudo()
        state = dict(self._fields["state"]._description_selection(self.env))[self.state]
        if self.state in DECIDED_STATES:
            raise UserError(
                self.env._(
                    "This trial was decided while you were deciding (%(state)s on %(date)s, "
                    "by %(user)s): close the window and look at it again.",
                    state=state,
                    date=format_date(self.env, trial.decision_date),
                    user=trial.write_uid.name,
                )
            )
        raise UserError(
            self.env._(
                "This trial changed while you were deciding (last by %(user)s: it "
                "is now %(state)s until %(end)s, %(rated)s): close the window, look "
                "at it again and decide on what it shows now.",
                user=max([trial, *trial.result_ids], key=lambda r: r.write_date).write_uid.name,
                state=state,
                end=format_date(self.env, self.date_end),
                rated=self.env._(
                    "%(rated)s of %(total)s expected results rated",
                    rated=len(self.result_ids.filtered("rating")),
                    total=len(self.result_ids),
                ),
            )
        )

    def _crossborder_decision_basis(self):
        """What a decision is taken on: the trial's state and end, and the rating of
        each expected result (a text to compare, for _apply_decision)."""
        if not self:
            return False
        self.ensure_one()
        ratings = ",".join(f"{r.id}:{r.rating or ''}" for r in self.result_ids.sorted("id"))
        return f"{self.state}|{self.date_end}|{ratings}"

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
    def _remind_batch(self, batch_size=200, today=None, trials=None):
        """Activity for the manager N days before the end of the trial (once), or
        for the position's recruiter when the trial has no manager; nobody's (not
        OdooBot's) when it has neither: the manager given later gets it. Among
        ``trials`` only, if given."""
        today = today or fields.Date.context_today(self)
        days = self.env["res.config.settings"]._crossborder_param("trial_reminder_days")
        domain = [
            ("state", "in", ("in_progress", "extended")),
            ("reminder_sent", "=", False),
            ("date_end", "<=", today + timedelta(days=days)),
        ]
        if trials is not None:
            domain.append(("id", "in", trials.ids))
        trials = self.search(domain, limit=batch_size)
        for trial in trials:
            decider = trial.manager_id or trial.job_id.user_id
            if not decider:
                _logger.info("Trial %s: no manager nor recruiter to remind", trial.id)
                continue
            activity = trial.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=trial.date_end,
                summary=self.env._(
                    "Decide on the trial of %(employee)s (ends %(end)s)",
                    employee=trial.employee_id.name,
                    end=fields.Date.to_string(trial.date_end),
                ),
                user_id=decider.id,
            )
            # safe: bookkeeping of the system's reminder
            trial.sudo().reminder_activity_id = activity
        # safe: bookkeeping of the scheduled action (private, never called over RPC)
        trials.sudo().write({"reminder_sent": True})
        return len(trials), self.search_count(domain)

    # --- measured expected results (issue 16) ---
    def action_refresh_measures(self):
        """Measure the trial's expected results now (its manager or HR)."""
        self._crossborder_check_decider()
        running = self.filtered(lambda t: t.state in ("in_progress", "extended"))
        # safe: the caller decides these trials (checked above); the figures count the
        # trainee's own records, which the manager may not read one by one
        running.sudo().result_ids._crossborder_refresh()
        return True

    # --- end measured expected results ---

    # --- trial end that acts (issue 16) ---
    # the terms of a contract a confirmation may change: wizard field -> hr.version field
    def _crossborder_contract_changes(self, contract):
        """The changes ``contract`` makes to the employee's current version, as
        ``[(label, before, after)]`` and the values to write; raises unless the
        caller may change them (HR; the wage: HR managers, as on the contract)."""
        self.ensure_one()
        user = self.env.user
        if not self.env.su and not user._crossborder_is_hr():
            raise AccessError(
                self.env._("Only HR change the contract of %(employee)s.", employee=self.name)
            )
        if not self.env.su and "wage" in contract and not user.has_group("hr.group_hr_manager"):
            raise AccessError(self.env._("Only HR managers change a wage."))
        # safe: HR (checked above) reads the contract it is about to change
        version = self.employee_id.sudo().version_id
        Version = version.browse()
        values, changes = {}, []
        for fname, value in contract.items():
            if fname not in CONTRACT_FIELDS:
                raise UserError(
                    self.env._("%(field)s is not a term a trial confirms.", field=fname)
                )
            field = Version._fields[fname]
            new = field.convert_to_record(field.convert_to_cache(value, version), version)
            old = version[fname]
            if new == old:
                continue
            values[fname] = value
            changes.append(
                (
                    field._description_string(self.env),
                    self._crossborder_display(field, old, version),
                    self._crossborder_display(field, new, version),
                )
            )
        return changes, values

    @api.model
    def _crossborder_display(self, field, value, record):
        if field.type == "many2one":
            return value.display_name or "-"
        if field.type == "selection":
            return dict(field._description_selection(self.env)).get(value, "-")
        if field.type == "monetary":
            return f"{value:,.2f} {record.currency_id.name or ''}".strip()
        return str(value) if value not in (False, None) else "-"

    def _crossborder_update_contract(self, contract):
        """Confirmation: the new terms on a new version of the contract, dated the day
        after the trial (the version of the trial stays as it was)."""
        self.ensure_one()
        changes, values = self._crossborder_contract_changes(contract)
        if not values:
            return False
        employee = self.employee_id.sudo()  # safe: HR, checked by _crossborder_contract_changes
        start = self.date_end + timedelta(days=1)
        version = employee.create_version({"date_version": start})
        version.write(values)
        # the trial's manager and the trainee read this note: a term the contract
        # keeps from them (field groups: the wage, the contract type...) is only said
        # to change; the contract's own history has the figures, for HR
        lines = []
        for (label, before, after), fname in zip(changes, values, strict=True):
            if version._fields[fname].groups:
                lines.append(self.env._("%(term)s changed: see the contract", term=label))
            else:
                lines.append(f"{label}: {before} → {after}")
        self.message_post(
            body=self.env._(
                "Contract from %(date)s: %(changes)s",
                date=fields.Date.to_string(start),
                changes="; ".join(lines),
            ),
            subtype_xmlid="mail.mt_note",
        )
        return version

    def _crossborder_end_acts(self, trial_end, note=False):
        """End: the employee leaves as the company chose (archived at once, or the
        offboarding plan launched), and the position reopens with the runner-ups
        ranked."""
        self.ensure_one()
        # safe: the caller decided the trial (checked by _apply_decision); what follows
        # is what the company set up for an ended trial
        trial = self.sudo()
        employee = trial.employee_id
        settings = self.env["res.config.settings"]
        mode = settings._crossborder_trial_end_mode()
        employee.write(
            {
                "departure_reason_id": self.env.ref(
                    "crossborder_ops.hr_departure_reason_trial", raise_if_not_found=False
                ).id
                or False,
                "departure_date": trial_end,
                "departure_description": note or False,
            }
        )
        if employee.version_id.contract_date_start:
            employee.version_id.write({"contract_date_end": trial_end})
        if mode == "archive":
            employee.with_context(no_wizard=True).action_archive()
        else:
            plan = settings._crossborder_trial_offboarding_plan()
            for template in plan.template_ids:
                responsible = template._determine_responsible(trial.manager_id, employee)
                employee.activity_schedule(
                    activity_type_id=template.activity_type_id.id,
                    summary=template.summary,
                    note=template.note,
                    user_id=(responsible["responsible"] or trial.manager_id or self.env.user).id,
                    date_deadline=template._get_date_deadline(trial_end),
                )
        runner_ups = trial._crossborder_reopen_position()
        return runner_ups

    def _crossborder_runner_ups(self):
        """The position's other applicants still in the running, best ranked first."""
        self.ensure_one()
        job = self.sudo().job_id
        if not job:
            return self.env["hr.applicant"]
        applicants = (
            self.env["hr.applicant"]
            .sudo()
            .search(
                [
                    ("job_id", "=", job.id),
                    ("application_status", "=", "ongoing"),
                    ("id", "!=", self.sudo().applicant_id.id),
                ]
            )
        )
        # ranked ones by rank; then the untested (no rank): recommended at screening first
        screening = {"yes": 0, False: 1, "no": 2}
        return applicants.sorted(
            lambda a: (
                not a.ranking_position,
                a.ranking_position,
                screening.get(a.screening_recommendation, 1),
                a.id,
            )
        )

    def _crossborder_reopen_position(self):
        """One more to recruit on the position, the number of runner-ups in its
        chatter and a to-do for its recruiter.

        Every employee reads the position's chatter, the trainee and his manager the
        trial's: the note names no applicant, no rank and no score (recruitment
        officers find them ranked under *Runner-ups*)."""
        self.ensure_one()
        job = self.job_id
        if not job:
            return self.env["hr.applicant"]
        runner_ups = self._crossborder_runner_ups()
        job.write({"no_of_recruitment": job.no_of_recruitment + 1})
        body = self.env._(
            "Reopened: the trial of %(employee)s ended. Runner-ups still in the running: "
            "%(count)s (ranked under Runner-ups, for recruitment officers).",
            employee=self.employee_id.name,
            count=len(runner_ups),
        )
        job.message_post(body=body, subtype_xmlid="mail.mt_note")
        self.message_post(body=body, subtype_xmlid="mail.mt_note")
        if job.user_id:
            job.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("Position reopened: contact the runner-ups"),
                user_id=job.user_id.id,
            )
        return runner_ups

    def action_open_runner_ups(self):
        """The position's runner-ups, best ranked first: the order is their ranking,
        read in sudo, so the list is for recruitment officers, who read the ranks;
        not for whoever reads the trial (its manager, its trainee)."""
        self.ensure_one()
        if not (self.env.su or self.env.user._crossborder_is_recruitment_officer()):
            raise AccessError(
                self.env._(
                    "The runner-ups of a position, in the order of their ranking, are for "
                    "recruitment officers."
                )
            )
        runner_ups = self._crossborder_runner_ups()
        return {
            "type": "ir.actions.act_window",
            "res_model": "hr.applicant",
            "name": self.env._("Runner-ups for %(job)s", job=self.job_id.name),
            "view_mode": "list,form",
            "views": [(False, "list"), (False, "form")],
            "domain": [("id", "in", runner_ups.ids)],
        }

    # --- end trial end that acts ---

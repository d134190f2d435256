# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_datetime

from ..hiring.scoring import Criterion, Invitation, final_percent, late, rubric_percent
from ..locks import write_rows_first

STATES = [
    ("sent", "Sent"),
    ("submitted", "To grade"),
    ("graded", "Graded"),
    ("late", "Missed the deadline"),
]
# what the applicant's answers and the reviewers' grades decide (computed, stored):
# a score or a submission date typed over RPC would rank an ungraded applicant first
# or take a late one out of the deadline's refusals
SYSTEM_FIELDS = frozenset(
    {
        "submitted_date",
        "minutes_used",
        "submitted_late",
        "state",
        "reviewer_count",
        "auto_score",
        "rubric_score",
        "final_score",
        "passed",
        "graded_by_ids",
        # the deadline's scheduled action marks the late ones (an on-time applicant
        # marked late by hand would be refused)
        "is_late",
        # stamped when the applicant is first hired or refused, never cleared
        "decided_on",
    }
)

# what a test's grades were given on: an answered or decided test keeps them
KEPT_FIELDS = frozenset(("applicant_id", "skill_test_id", "user_input_id"))


class CrossborderSkillTestInvitation(models.Model):
    """One applicant's attempt at one skill test: sent, answered, graded."""

    _name = "crossborder.skill.test.invitation"
    _description = "Skill test sent to an applicant"
    # its chatter is evidence (the deadline moved and why, the state the applicant's
    # answers and the grades gave it, the recruiters' notes): the evidence mixin
    # first, it extends mail.thread
    _inherit = [
        "crossborder.evidence.thread.mixin",
        "mail.thread",
        "crossborder.system.owned.mixin",
    ]
    _order = "deadline desc, id desc"
    _rec_name = "applicant_id"
    _check_company_auto = True
    _cbo_system_fields = SYSTEM_FIELDS

    applicant_id = fields.Many2one(
        "hr.applicant", required=True, ondelete="cascade", index=True, check_company=True
    )
    skill_test_id = fields.Many2one(
        "crossborder.skill.test",
        required=True,
        ondelete="restrict",
        index=True,
        check_company=True,
    )
    job_id = fields.Many2one(related="skill_test_id.job_id", store=True, index=True)
    company_id = fields.Many2one(
        "res.company",
        compute="_compute_company_id",
        store=True,
        index=True,
        help="The applicant's company, else the test's.",
    )
    user_input_id = fields.Many2one(
        "survey.user_input", string="Answers", readonly=True, copy=False
    )
    sent_date = fields.Datetime(default=fields.Datetime.now, readonly=True)
    deadline = fields.Datetime(
        required=True,
        tracking=True,
        help="Also the deadline of the applicant's survey answer: extending it here lets the "
        "applicant in until the new date.",
    )
    submitted_date = fields.Datetime(compute="_compute_submission", store=True)
    minutes_used = fields.Float(string="Time used (min)", compute="_compute_submission", store=True)
    submitted_late = fields.Boolean(compute="_compute_submission", store=True)
    is_late = fields.Boolean(string="Late", readonly=True, copy=False)
    decided_on = fields.Datetime(
        string="Decided on",
        readonly=True,
        copy=False,
        help="When the applicant was first hired or refused: from then on the grades and "
        "the score of this test stay as they were, even if the application is reopened.",
    )
    state = fields.Selection(
        STATES, compute="_compute_state", store=True, index=True, tracking=True
    )
    grade_ids = fields.One2many("crossborder.grade", "invitation_id", string="Grades")
    graded_by_ids = fields.Many2many(
        "res.users",
        "crossborder_invitation_graded_by_rel",
        "invitation_id",
        "user_id",
        string="Reviewers done",
        compute="_compute_graded_by_ids",
        store=True,
        help="Reviewers who graded every criterion; each sees the others' grades only then.",
    )
    reviewer_count = fields.Integer(compute="_compute_scores", store=True)
    auto_score = fields.Float(string="Automatic score (%)", compute="_compute_scores", store=True)
    # the reviewers' average: officers only; reviewers read the shown_* twins
    rubric_score = fields.Float(
        string="Rubric score (%)",
        compute="_compute_scores",
        store=True,
        groups="hr_recruitment.group_hr_recruitment_user",
    )
    final_score = fields.Float(
        string="Final score (%)",
        compute="_compute_scores",
        store=True,
        aggregator="avg",
        groups="hr_recruitment.group_hr_recruitment_user",
    )
    passed = fields.Boolean(
        compute="_compute_scores", store=True, groups="hr_recruitment.group_hr_recruitment_user"
    )
    scores_visible = fields.Boolean(
        compute="_compute_shown_scores",
        help="You are a recruitment officer or graded every criterion of this test.",
    )
    shown_rubric_score = fields.Float(
        string="Rubric score shown (%)", compute="_compute_shown_scores"
    )
    shown_final_score = fields.Float(
        string="Final score shown (%)", compute="_compute_shown_scores"
    )
    shown_passed = fields.Boolean(string="Passed (shown)", compute="_compute_shown_scores")
    start_url = fields.Char(
        compute="_compute_start_url",
        groups="hr_recruitment.group_hr_recruitment_user",
        help="The applicant's personal link to the test, sent by e-mail.",
    )
    applicant_name = fields.Char(related="applicant_id.partner_name")

    def _crossborder_all_grades(self):
        """Every reviewer's grades of these invitations, for the scores: one search in
        sudo, not ``grade_ids``, whose value the transaction shares between users and
        which holds only the grades the current user may read."""
        stored = self.filtered("id")
        grades = (
            self.env["crossborder.grade"]
            .sudo()
            .search_fetch(
                [("invitation_id", "in", stored.ids)],
                ["invitation_id", "criterion_id", "reviewer_id", "score"],
            )
        )
        by_invitation = defaultdict(lambda: grades.browse(), grades.grouped("invitation_id"))
        for invitation in self - stored:  # new records (forms): their own lines
            by_invitation[invitation] = invitation.grade_ids.sudo()
        return by_invitation

    @api.depends("applicant_id.company_id", "skill_test_id.company_id")
    def _compute_company_id(self):
        for invitation in self:
            invitation.company_id = (
                invitation.applicant_id.company_id or invitation.skill_test_id.company_id
            )

    @api.depends(
        "user_input_id.state",
        "user_input_id.end_datetime",
        "user_input_id.start_datetime",
        "deadline",
    )
    def _compute_submission(self):
        for invitation in self:
            answer = invitation.user_input_id
            done = answer.state == "done"
            invitation.submitted_date = answer.end_datetime if done else False
            invitation.submitted_late = bool(
                done and answer.end_datetime and answer.end_datetime > invitation.deadline
            )
            if done and answer.start_datetime and answer.end_datetime:
                invitation.minutes_used = round(
                    (answer.end_datetime - answer.start_datetime).total_seconds() / 60.0, 1
                )
            else:
                invitation.minutes_used = 0.0

    @api.depends(
        "grade_ids.score",
        "grade_ids.reviewer_id",
        "user_input_id.scoring_percentage",
        "user_input_id.state",
        "skill_test_id.criterion_ids",
        "skill_test_id.rubric_share",
        "skill_test_id.pass_mark",
    )
    def _compute_scores(self):
        all_grades = self._crossborder_all_grades()
        for invitation in self:
            test = invitation.skill_test_id
            criteria = [Criterion(c.id, c.weight, c.max_score) for c in test.criterion_ids]
            grades = {}
            for grade in all_grades[invitation]:
                grades.setdefault(grade.criterion_id.id, []).append(grade.score)
            rubric = rubric_percent(criteria, grades)
            has_auto = any(q.is_scored_question for q in test.survey_id.question_ids)
            auto = invitation.user_input_id.scoring_percentage if has_auto else None
            done = invitation.user_input_id.state == "done"
            final = final_percent(auto if done else None, rubric, test.rubric_share)
            invitation.reviewer_count = len(all_grades[invitation].reviewer_id)
            invitation.auto_score = auto or 0.0
            invitation.rubric_score = rubric or 0.0
            complete = done and (rubric is not None or not criteria)
            invitation.final_score = final if complete and final is not None else 0.0
            invitation.passed = bool(complete and final is not None and final >= test.pass_mark)

    @api.depends("grade_ids.reviewer_id", "grade_ids.criterion_id", "skill_test_id.criterion_ids")
    def _compute_graded_by_ids(self):
        all_grades = self._crossborder_all_grades()
        for invitation in self:
            needed = set(invitation.skill_test_id.criterion_ids.ids)
            graded = defaultdict(set)
            for grade in all_grades[invitation]:
                graded[grade.reviewer_id.id].add(grade.criterion_id.id)
            invitation.graded_by_ids = [
                Command.set([user for user, done in graded.items() if needed <= done])
            ]

    @api.depends("graded_by_ids", "rubric_score", "final_score", "passed")
    @api.depends_context("uid")
    def _compute_shown_scores(self):
        officer = self.env.su or self.env.user._crossborder_is_recruitment_officer()
        # safe: the scores are read to be shown to officers and to reviewers who graded
        for invitation, invitation_sudo in zip(self, self.sudo(), strict=True):
            visible = officer or self.env.user in invitation_sudo.graded_by_ids
            invitation.scores_visible = visible
            invitation.shown_rubric_score = visible and invitation_sudo.rubric_score
            invitation.shown_final_score = visible and invitation_sudo.final_score
            invitation.shown_passed = visible and invitation_sudo.passed

    @api.depends("user_input_id.state", "is_late", "grade_ids", "skill_test_id.criterion_ids")
    def _compute_state(self):
        all_grades = self._crossborder_all_grades()
        for invitation in self:
            criteria = invitation.skill_test_id.criterion_ids
            if invitation.is_late:
                invitation.state = "late"
            elif invitation.user_input_id.state != "done":
                invitation.state = "sent"
            elif criteria and set(criteria.ids) - set(all_grades[invitation].criterion_id.ids):
                invitation.state = "submitted"
            else:
                invitation.state = "graded"

    def _compute_start_url(self):
        for invitation in self:
            # safe: the field is for recruitment officers only (groups), who send the link
            # without being survey users
            answer = invitation.user_input_id.sudo()
            invitation.start_url = (
                answer and f"{invitation.get_base_url()}{answer.get_start_url()}" or False
            )

    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        """An invitation is made by *Send skill test* only
        (``hr.applicant._crossborder_send_test``, which checks the sender and the
        deadline, makes the applicant's own answer sheet and creates it with
        ``sudo()``); data files and the system's own work run as superuser too. Made
        by hand or over RPC it had no answer sheet, another's, or a deadline already
        past: the deadline's scheduled action refused the applicant for a test he
        never got."""
        if not self.env.su:
            raise AccessError(
                self.env._(
                    "A skill test reaches an applicant only from his application (Send "
                    "skill test): it comes with his own answer sheet of the test and a "
                    "deadline still to come."
                )
            )
        invitations = super().create(vals_list)
        invitations._crossborder_sync_answer_deadline()
        return invitations

    def copy(self, default=None):
        if not self:
            return super().copy(default)
        raise UserError(
            self.env._(
                "A skill test is not duplicated: send it to the applicant from his "
                "application (Send skill test), which gives him his own answer sheet."
            )
        )

    # the messages of a test, and their files, are read by those who send tests
    # (write access): see _mail_get_operation_for_mail_message_operation and
    # ir.attachment._inaccessible_comodel_records
    _crossborder_chatter_read_operation = "write"

    def _mail_get_operation_for_mail_message_operation(self, message_operation):
        """The messages of a test are read by those who send tests (write access):
        an e-mail sent again from its chatter with its template carries the
        applicant's personal link, his key to the test, which its interviewers
        (who read the test to grade it) must not get; the applicant's reply may
        carry files. Their author and recipients still read them."""
        operations = super()._mail_get_operation_for_mail_message_operation(message_operation)
        if message_operation == "read":
            return dict.fromkeys(operations, self._crossborder_chatter_read_operation)
        return operations

    def _crossborder_check_answer_sheet(self):
        """An invitation is one applicant's sitting of its test: it comes with his own
        answer sheet of the test's survey, made when the test is sent (``create``).
        Pointed at no sheet or another's afterwards, the deadline's scheduled action
        would refuse the applicant for a test he never got, or grade him on answers
        that are not his."""
        if self.env.su:
            return  # data files and the system's own work
        # sudo: the answer sheets are read to check them, whoever sends
        invitations = self.sudo()
        shared = dict(
            invitations._read_group(
                [("user_input_id", "in", invitations.user_input_id.ids)],
                ["user_input_id"],
                ["__count"],
            )
        )
        wrong = invitations.filtered(
            lambda i: not i.user_input_id
            or i.user_input_id.survey_id != i.skill_test_id.survey_id
            or i.user_input_id.applicant_id != i.applicant_id
            or shared.get(i.user_input_id, 0) > 1
        )
        if wrong:
            raise UserError(
                self.env._(
                    "The skill test of %(applicant)s is sent from his application (Send "
                    "skill test): it comes with his own answer sheet of the test.",
                    applicant=wrong[0].applicant_id.partner_name
                    or wrong[0].applicant_id.display_name,
                )
            )

    def write(self, vals):
        self._check_system_fields([vals])
        self.applicant_id._crossborder_check_not_own()
        if "deadline" in vals:
            self._crossborder_check_still_in_time(vals["deadline"])
        if any(
            invitation[fname].id != vals[fname]
            for fname in KEPT_FIELDS.intersection(vals)
            for invitation in self
        ):
            self._crossborder_check_kept()
        result = super().write(vals)
        if KEPT_FIELDS.intersection(vals):
            # a test waiting for its answers stays with the sheet it was sent with
            self._crossborder_check_answer_sheet()
        if "deadline" in vals:
            now = fields.Datetime.now()
            reopened = self.filtered(
                lambda i: i.is_late and not i.submitted_date and i.deadline > now
            )
            if reopened:
                # the applicant may take the test again until the new deadline: the
                # scheduled action watches it again
                super(CrossborderSkillTestInvitation, reopened).write({"is_late": False})
            self._crossborder_sync_answer_deadline()
        return result

    def _crossborder_check_still_in_time(self, deadline):
        """A test submitted in time stays in time: a deadline moved before its
        submission made it late, and the deadline's scheduled action refused the
        applicant, graded and ranked, for a test he had handed in."""
        if self.env.su or not deadline:
            return
        deadline = fields.Datetime.to_datetime(deadline)
        # read the submission to check it, nothing else
        made_late = self.sudo().filtered(
            lambda i: i.submitted_date and not i.submitted_late and i.submitted_date > deadline
        )
        if made_late:
            applicant = made_late[0].applicant_id
            raise UserError(
                self.env._(
                    "%(applicant)s submitted his skill test on %(date)s, in time: its "
                    "deadline is not moved before that.",
                    applicant=applicant.partner_name or applicant.display_name,
                    date=format_datetime(self.env, made_late[0].submitted_date, dt_format="short"),
                )
            )

    def _crossborder_sync_answer_deadline(self):
        """The invitation holds the deadline; the survey answer, which the survey
        routes check, always gets the same one."""
        answers = defaultdict(lambda: self.env["survey.user_input"])
        for invitation in self.filtered("user_input_id"):
            if invitation.user_input_id.sudo().deadline != invitation.deadline:
                answers[invitation.deadline] |= invitation.user_input_id
        for deadline, group in answers.items():
            # safe: officers write invitations without being survey managers; only the
            # deadline of the invitations' own answers is written
            group.sudo().write({"deadline": deadline})

    def _crossborder_lock(self):
        """Grades of one test are saved one after the other: each grade given,
        changed or deleted writes its test's row first (``crossborder.grade``), so
        that two reviewers saving at once wait for each other, and the second fails
        to serialize and runs again on what the first saved. The test's state, its
        reviewers done and its scores are computed from all its grades in the
        transaction's snapshot: two grades saved at once, each seeing the other's
        criterion still ungraded, left the test "to grade" with every criterion
        graded, or graded with a score that missed a grade. A row lock alone would
        not do: repeatable read still reads the grades as they were when the
        transaction began (see ``crossborder.trial._crossborder_lock``)."""
        write_rows_first(self)

    def _crossborder_check_gradable(self):
        """Grades are given on submitted tests only, while the applicant is in the
        running."""
        self._crossborder_check_applicant_running()
        not_submitted = self.sudo().filtered(lambda i: i.state not in ("submitted", "graded"))
        if not_submitted:
            raise UserError(
                self.env._(
                    "The test of %(applicant)s is not submitted: it can be graded once the "
                    "applicant has submitted it in time.",
                    applicant=not_submitted[0].applicant_id.partner_name
                    or not_submitted[0].applicant_id.display_name,
                )
            )

    def _crossborder_check_applicant_running(self):
        """Once an applicant is hired or refused, his test's grades stay as they were
        at that decision (``decided_on``, kept if the application is reopened or the
        applicant leaves the hired stage); while he is archived they wait. The score
        given at hiring is what *Tests judged by outcomes* compares with the trial,
        and the ranking of the others was made with it. A test submitted after the
        decision (its deadline extended once he was refused for missing it) had no
        grades then: it is graded."""
        # read the applicants' status and the decision stamp to check them, nothing else
        invitations = self.sudo()
        closed = invitations.filtered(lambda i: i.applicant_id.application_status != "ongoing")
        if closed:
            applicant = closed[0].applicant_id
            raise UserError(
                self.env._(
                    "%(applicant)s is no longer in the running (hired, refused or archived): "
                    "the grades of his test no longer change.",
                    applicant=applicant.partner_name or applicant.display_name,
                )
            )
        decided = invitations.filtered(
            lambda i: i.decided_on and not (i.submitted_date and i.submitted_date > i.decided_on)
        )
        if decided:
            applicant = decided[0].applicant_id
            raise UserError(
                self.env._(
                    "%(applicant)s was hired or refused on %(date)s: the grades of that test "
                    "stay as they were at the decision, even though the application was "
                    "reopened since. Send him a new test to grade him again.",
                    applicant=applicant.partner_name or applicant.display_name,
                    date=format_datetime(self.env, decided[0].decided_on, dt_format="short"),
                )
            )

    @api.model
    def _crossborder_stamp_decided(self, applicants):
        """Stamp the tests of ``applicants`` now hired or refused, once: the one writer
        of ``decided_on`` (called by ``hr.applicant.write``)."""
        decided = applicants.filtered(lambda a: a.application_status in ("hired", "refused"))
        if not decided:
            return
        # safe: a system stamp, written whoever changed the applicant's status
        invitations = self.sudo().search(
            [("applicant_id", "in", decided.ids), ("decided_on", "=", False)]
        )
        invitations.write({"decided_on": fields.Datetime.now()})

    @api.ondelete(at_uninstall=False)
    def _unlink_except_answered(self):
        self.applicant_id._crossborder_check_not_own()
        self._crossborder_check_kept()

    def _crossborder_check_kept(self):
        """A submitted test, or one whose applicant was hired or refused, stays with
        its grades (they go with it in the database) and stays about the applicant,
        test and answers it was graded on: the applicant's score, the funnel and
        *Tests judged by outcomes* read them. Checked on unlink and on a change of
        ``KEPT_FIELDS``."""
        # read the state and the stamp to check them, nothing else
        kept = self.sudo().filtered(lambda i: i.state in ("submitted", "graded") or i.decided_on)
        if kept:
            applicant = kept[0].applicant_id
            raise UserError(
                self.env._(
                    "The skill test of %(applicant)s stays: it was submitted, or the applicant "
                    "was hired or refused, and his score and the hiring reports read its "
                    "grades.",
                    applicant=applicant.partner_name or applicant.display_name,
                )
            )

    def _crossborder_answer_text(self, questions):
        self.ensure_one()
        lines = self.user_input_id.user_input_line_ids.filtered(
            lambda line: line.question_id in questions
        )
        return "\n".join(
            filter(None, (line.value_text_box or line.value_char_box for line in lines))
        )

    def _crossborder_criterion_questions(self, criterion):
        """The questions the applicant answered for ``criterion``: its own question,
        or the ones drawn for this applicant in the criterion's section."""
        self.ensure_one()
        # safe: a reviewer reads the questions of the test he grades (survey rules only
        # open the surveys of Odoo's own job interview forms to interviewers)
        criterion, answer = criterion.sudo(), self.user_input_id.sudo()
        if criterion.question_id:
            return criterion.question_id
        return criterion.page_id.question_ids & answer.predefined_question_ids

    def action_extend_deadline(self):
        """The test sent to the applicant on its own form, where its deadline is
        moved (a test waiting for his answers is not sent to him again)."""
        self.ensure_one()
        self.check_access("write")
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "name": self.env._("Extend the deadline"),
        }

    def action_grade(self):
        self.ensure_one()
        wizard = self.env["crossborder.grading.wizard"].create({"invitation_id": self.id})
        wizard._prefill()
        return {
            "type": "ir.actions.act_window",
            "res_model": "crossborder.grading.wizard",
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
            "name": self.env._(
                "Grade %(applicant)s", applicant=self.applicant_id.partner_name or ""
            ),
        }

    def action_view_answers(self):
        self.ensure_one()
        if self.state not in ("submitted", "graded"):
            raise UserError(
                self.env._("The answers are shown once the applicant has submitted the test.")
            )
        # safe: the caller reads this invitation (record rules); the submitted answers
        # are printed, the survey itself stays closed to interviewers
        return self.sudo().skill_test_id.survey_id.action_print_survey(
            answer=self.user_input_id.sudo()
        )

    # ------------------------------------------------------------------
    @api.model
    def _cron_refuse_late(self, batch_size=200):
        processed, remaining = self._refuse_late_batch(batch_size)
        self.env["ir.cron"]._commit_progress(processed, remaining=remaining)

    @api.model
    def _refuse_late_batch(self, batch_size=200, now=None):
        """Refuse applicants who did not submit by the deadline (or submitted
        after it). Idempotent: refused invitations are marked late and skipped."""
        now = now or fields.Datetime.now()
        domain = [
            ("is_late", "=", False),
            ("deadline", "<", now),
            "|",
            ("submitted_date", "=", False),
            ("submitted_late", "=", True),
        ]
        candidates = self.search(domain, limit=batch_size, order="deadline, id")
        due = set(
            late(
                [Invitation(i.id, i.deadline, i.submitted_date or None) for i in candidates],
                now,
            )
        )
        todo = candidates.filtered(lambda i: i.id in due)
        todo.write({"is_late": True})
        applicants = todo.applicant_id.filtered(lambda a: a.application_status == "ongoing")
        reason = self.env.ref("crossborder_ops.refuse_reason_missed_test_deadline")
        if applicants:
            applicants.write({"refuse_reason_id": reason.id, "active": False, "refuse_date": now})
            # setting, read only; a value typed by hand that is no record id sends
            # no e-mail rather than stopping the refusals (outside audit 67)
            template_id = (
                self.env["ir.config_parameter"]
                .sudo()
                .get_param("crossborder_ops.refuse_late_template_id", "")
            )
            template = (
                self.env["mail.template"]
                .browse(int(template_id) if str(template_id).strip().isdigit() else [])
                .exists()
            )
            for invitation in todo.filtered(lambda i: i.applicant_id in applicants):
                invitation.applicant_id.message_post(
                    body=self.env._(
                        "Refused: the skill test %(test)s was due on %(deadline)s and was "
                        "not submitted in time.",
                        test=invitation.skill_test_id.name,
                        deadline=fields.Datetime.to_string(invitation.deadline),
                    ),
                    subtype_xmlid="mail.mt_note",
                )
                if template:
                    invitation.applicant_id.message_post_with_source(
                        template, subtype_xmlid="mail.mt_comment"
                    )
        return len(todo), self.search_count(domain)

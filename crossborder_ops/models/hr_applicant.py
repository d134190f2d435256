# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import email_normalize, format_datetime

from odoo.addons.base.models.res_partner import _tz_get

from ..hiring.scoring import Candidate, rank
from ..locks import write_rows_first
from .hr_recruitment_source import SOURCE_KINDS

# what hires, refuses or reopens an applicant (``application_status``)
STATUS_FIELDS = frozenset(("stage_id", "date_closed", "refuse_reason_id", "active"))
# who the applicant is: whether a reviewer grades his own application hangs on them
IDENTITY_FIELDS = ("partner_id", "email_from", "partner_name", "employee_id")


def mailbox(email):
    """The mailbox an address reaches: normalized, without the ``+tag`` of its local
    part (``rosa+jobs@example.com`` is ``rosa@example.com``); False if none."""
    normalized = email_normalize(email or "")
    if not normalized:
        return False
    local, _at, domain = normalized.rpartition("@")
    return f"{local.split('+', 1)[0]}@{domain}"


class HrApplicant(models.Model):
    _name = "hr.applicant"
    _inherit = ["hr.applicant", "crossborder.system.owned.mixin"]
    # the best graded test's figures (computed from the invitations)
    _cbo_system_fields = frozenset(
        {"test_score", "test_passed", "test_graded", "test_minutes_used"}
    )

    referral_employee_id = fields.Many2one(
        "hr.employee",
        string="Referred by",
        tracking=True,
        check_company=True,
        help="The employee or student who introduced this applicant.",
    )
    source_kind = fields.Selection(
        SOURCE_KINDS,
        string="Kind of source",
        compute="_compute_source_kind",
        store=True,
        help="From the recruitment source this applicant came through.",
    )
    # screening scorecard ----------------------------------------------
    qualifications_met = fields.Selection(
        [("yes", "Met"), ("partly", "Partly met"), ("no", "Not met")], tracking=True
    )
    available_hours = fields.Float(string="Hours a week available")
    applicant_tz = fields.Selection(_tz_get, string="Applicant time zone")
    languages_checked = fields.Boolean(
        help="Someone who speaks them checked the applicant's languages."
    )
    language_note = fields.Char()
    reference_ids = fields.One2many(
        "crossborder.applicant.reference", "applicant_id", string="References"
    )
    screening_recommendation = fields.Selection(
        [("yes", "Recommend"), ("no", "Do not recommend")],
        string="Screening",
        tracking=True,
        help="Stages marked 'Requires a positive screening' only accept recommended applicants.",
    )
    screening_note = fields.Text()
    # skill tests ----------------------------------------------------------
    invitation_ids = fields.One2many(
        "crossborder.skill.test.invitation", "applicant_id", string="Skill tests"
    )
    # the reviewers' average: officers only; interviewers read the shown_* twins
    test_score = fields.Float(
        string="Test score (%)",
        compute="_compute_test_results",
        store=True,
        aggregator="avg",
        groups="hr_recruitment.group_hr_recruitment_user",
        help="Best final score of the applicant's graded skill tests.",
    )
    test_minutes_used = fields.Float(
        string="Test time (min)", compute="_compute_test_results", store=True
    )
    test_passed = fields.Boolean(
        compute="_compute_test_results",
        store=True,
        groups="hr_recruitment.group_hr_recruitment_user",
    )
    test_graded = fields.Boolean(compute="_compute_test_results", store=True)
    shown_test_score = fields.Float(
        string="Test score shown (%)",
        compute="_compute_shown_test_results",
        help="Best final score; a reviewer sees it once he has graded that test himself.",
    )
    shown_test_passed = fields.Boolean(
        string="Test passed (shown)", compute="_compute_shown_test_results"
    )
    ranking_position = fields.Integer(
        string="Rank",
        compute="_compute_ranking_position",
        help="Rank among the job's applicants (shown to a reviewer once he has graded the "
        "applicant's test).",
    )

    @api.depends("source_id")
    def _compute_source_kind(self):
        sources = self.env["hr.recruitment.source"].search_fetch(
            [("source_id", "in", self.source_id.ids)], ["source_id", "source_kind"]
        )
        kinds = {source.source_id.id: source.source_kind for source in sources}
        for applicant in self:
            applicant.source_kind = kinds.get(applicant.source_id.id, False)

    @api.depends(
        "invitation_ids.final_score",
        "invitation_ids.passed",
        "invitation_ids.minutes_used",
        "invitation_ids.state",
    )
    def _compute_test_results(self):
        best_by_applicant = self._crossborder_best_invitations()
        for applicant in self:
            best = best_by_applicant.get(applicant, self.env["crossborder.skill.test.invitation"])
            applicant.test_graded = bool(best)
            applicant.test_score = best.final_score if best else 0.0
            applicant.test_minutes_used = best.minutes_used if best else 0.0
            applicant.test_passed = bool(best and best.passed)

    def _crossborder_best_invitations(self):
        """{applicant: the graded invitation whose score its test results show}, read
        in sudo with one search (not ``invitation_ids``, whose value the transaction
        shares between users)."""
        graded = (
            self.env["crossborder.skill.test.invitation"]
            .sudo()
            .search_fetch(
                [("applicant_id", "in", self.filtered("id").ids), ("state", "=", "graded")],
                ["applicant_id", "final_score", "minutes_used", "passed", "graded_by_ids"],
            )
        )
        return {
            applicant: max(invitations, key=lambda i: i.final_score)
            for applicant, invitations in graded.grouped("applicant_id").items()
        }

    @api.depends("test_score", "test_passed", "invitation_ids.graded_by_ids")
    @api.depends_context("uid")
    def _compute_shown_test_results(self):
        visible = self._crossborder_scores_visible()
        # safe: the score is shown to officers and to reviewers who graded that test
        for applicant, applicant_sudo in zip(self, self.sudo(), strict=True):
            shown = applicant.id in visible
            applicant.shown_test_score = shown and applicant_sudo.test_score
            applicant.shown_test_passed = shown and applicant_sudo.test_passed

    def _crossborder_scores_visible(self):
        """Ids of the applicants whose test score the current user may see: all for
        recruitment officers, else those whose best graded test he graded himself."""
        if self.env.su or self.env.user._crossborder_is_recruitment_officer():
            return set(self.ids)
        # safe: read to decide what to show, nothing is returned from here
        best = self._crossborder_best_invitations()
        return {
            applicant.id
            for applicant, invitation in best.items()
            if self.env.user in invitation.graded_by_ids
        }

    @api.depends(
        "test_score",
        "test_graded",
        "test_minutes_used",
        "screening_recommendation",
        "job_id",
        "date_closed",
    )
    @api.depends_context("uid")
    def _compute_ranking_position(self):
        by_job = {}
        # safe: the ranking reads every peer's score; a reviewer sees the rank only of the
        # applicants whose score he may see (below)
        applicants_sudo = self.sudo()
        # ranked among the applicants still in the race: hired ones leave the ranking
        pending = applicants_sudo.search(
            [("job_id", "in", applicants_sudo.job_id.ids), ("date_closed", "=", False)]
        ).grouped("job_id")
        for job, applicants in applicants_sudo.grouped("job_id").items():
            peers = (
                pending.get(job, applicants.browse())
                if job
                else applicants.filtered(lambda a: not a.date_closed)
            )
            by_job.update(
                rank(
                    [
                        Candidate(
                            a.id,
                            a.test_score,
                            a.test_minutes_used,
                            a.screening_recommendation == "yes",
                        )
                        # not tested yet: no rank (blank), not last
                        for a in peers
                        if a.test_graded
                    ]
                )
            )
        visible = self._crossborder_scores_visible()
        for applicant in self:
            applicant.ranking_position = (
                by_job.get(applicant.id, 0) if applicant.id in visible else 0
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._check_system_fields(vals_list, creating=True)
        hired = [vals for vals in vals_list if vals.get("employee_id")]
        if hired and not self.env.su:
            self._crossborder_check_hiring_officer()
        applicants = super().create(vals_list)
        if hired:
            applicants.filtered("employee_id")._crossborder_open_trials()
        return applicants

    def write(self, vals):
        self._check_system_fields([vals])
        self._crossborder_check_not_own(vals)
        if not self.env.su:
            self._crossborder_check_decision_maker(vals)
        if (
            "employee_id" in vals
            and not self.env.su
            and any(
                applicant.employee_id.id != (vals["employee_id"] or False) for applicant in self
            )
        ):
            self._crossborder_check_hiring_officer()
        identity_changed = self._crossborder_identity_changed(vals)
        if identity_changed and not self.env.su:
            identity_changed._crossborder_check_identity_editor()
        if vals.get("stage_id"):
            stage = self.env["hr.recruitment.stage"].browse(vals["stage_id"])
            if stage.require_screening:
                blocked = self.filtered(lambda a: a.screening_recommendation != "yes")
                if blocked:
                    raise UserError(
                        self.env._(
                            "%(applicant)s cannot move to %(stage)s: the stage requires a "
                            "screening scorecard that recommends the applicant.",
                            applicant=blocked[0].partner_name or blocked[0].display_name,
                            stage=stage.name,
                        )
                    )
        linked = (
            self.filtered(lambda a: not a.employee_id) if vals.get("employee_id") else self.browse()
        )
        status_changes = bool(STATUS_FIELDS.intersection(vals))
        hired = self.filtered("date_closed") if status_changes else self.browse()
        companies = {applicant.id: applicant.company_id for applicant in self}
        result = super().write(vals)
        # however it changes: position, department, company, emptied
        if any(applicant.company_id != companies[applicant.id] for applicant in self):
            self._crossborder_check_stays_in_company()
        if identity_changed:
            self.env["crossborder.grade"]._crossborder_check_graded_not_own(
                [("invitation_id.applicant_id", "in", identity_changed.ids)]
            )
        if status_changes:
            hired._crossborder_check_stays_hired()
            self.env["crossborder.skill.test.invitation"]._crossborder_stamp_decided(self)
        if linked:
            linked._crossborder_open_trials()
        return result

    def _crossborder_check_stays_in_company(self):
        """An applicant sent a company's skill test, or on its trial, stays with
        that company: moved to another company's position, his test and its
        answers would be read and extended from there, and no longer by the
        officers who sent it."""
        # sudo: the tests and trials of these applicants, whoever may read them
        tests = (
            self.env["crossborder.skill.test.invitation"]
            .sudo()
            .search([("applicant_id", "in", self.ids)])
        )
        trials = self.env["crossborder.trial"].sudo().search([("applicant_id", "in", self.ids)])
        for applicant, company in [
            *((test.applicant_id, test.skill_test_id.company_id) for test in tests),
            *((trial.applicant_id, trial.company_id) for trial in trials),
        ]:
            if company and applicant.company_id != company:
                raise UserError(
                    self.env._(
                        "%(applicant)s took a skill test or a trial of %(company)s: his "
                        "application stays with that company. For a position of another "
                        "company, create a new application there.",
                        applicant=applicant.display_name,
                        company=company.name,
                    )
                )

    @api.depends("partner_name", "partner_id.name", "email_from")
    @api.depends_context("show_partner_name")
    def _compute_display_name(self):
        """An applicant made from a contact alone (over RPC, or by a program) has no
        applicant's name: he is shown, and named in messages, by his contact's name
        or his address rather than as "False"."""
        result = super()._compute_display_name()
        for applicant in self.filtered(lambda a: not a.display_name):
            applicant.display_name = applicant.partner_id.name or applicant.email_from
        return result

    def _crossborder_applied_by(self, user):
        """Those of these applications that ``user`` made himself: the same contact,
        the employee the application is linked to, or one of his e-mail addresses
        (``+tags`` aside)."""
        # sudo: the applicants' contacts, employees and addresses, and the user's
        # employee addresses, to compare them; the result is in the caller's env
        user = user.sudo()
        mailboxes = {
            mailbox(email)
            for email in [user.email]
            + user.employee_ids.mapped("work_email")
            + user.employee_ids.mapped("private_email")
        } - {False}
        return (
            self.sudo()
            .filtered(
                lambda a: (a.partner_id and a.partner_id == user.partner_id)
                or (a.employee_id and a.employee_id in user.employee_ids)
                or mailboxes & {mailbox(a.email_from), mailbox(a.partner_id.email)}
            )
            .with_env(self.env)
        )

    def _crossborder_about_caller(self):
        """The caller's own applications among these (``mail.thread``): their
        followers and others' to-dos stay as they are."""
        return self.browse() if self.env.su else self._crossborder_applied_by(self.env.user)

    def _crossborder_own_message(self):
        """Why the caller does not handle his own application (``mail.thread``):
        he would move it, hire himself, take it back after a refusal, extend his
        own test's deadline or grade it in a colleague's name."""
        return self.env._(
            "%(applicant)s is your own application: you follow it in its chatter; "
            "another recruitment officer moves and decides it and sends its skill "
            "test, and other reviewers grade it.",
            applicant=self.sudo().display_name,  # sudo: his name, whatever he may read
        )

    def _crossborder_identity_changed(self, vals):
        """The applicants whose contact, name, e-mail address or employee ``vals``
        changes."""
        changed = self.browse()
        for fname in IDENTITY_FIELDS:
            if fname not in vals:
                continue
            if self._fields[fname].type == "many2one":
                changed |= self.filtered(lambda a, f=fname: a[f].id != (vals[f] or False))
            else:
                changed |= self.filtered(lambda a, f=fname: (a[f] or "") != (vals[f] or ""))
        return changed

    def _crossborder_check_identity_editor(self):
        """Once an applicant's skill test is sent, who he is (his contact, name,
        e-mail address, employee) is the recruitment officers' to change: an
        interviewer of the position who applied to it moved her application to
        another contact, graded her own test and moved it back. Interviewers still
        set the contact of applicants who have no test yet."""
        if self.env.user._crossborder_is_recruitment_officer():
            return
        # sudo: every sent test counts, whoever may read it
        tested = (
            self.env["crossborder.skill.test.invitation"]
            .sudo()
            .search([("applicant_id", "in", self.ids)], limit=1)
            .applicant_id
        )
        if tested:
            raise AccessError(
                self.env._(
                    "The skill test of %(applicant)s is sent: only recruitment officers "
                    "change who he is (his contact, name, e-mail address or employee). Ask "
                    "a recruitment officer to correct it.",
                    applicant=tested.partner_name or tested.display_name,
                )
            )

    def _crossborder_check_decision_maker(self, vals):
        """Hiring decisions are recruitment officers': an applicant is hired (a hired
        stage, or a hire date), refused or archived by one of them, on every path
        (kanban, Refuse, Archive, RPC). The decision stamps his tests decided and
        keeps their grades as they were for good: an interviewer who dragged a
        competitor into a hired stage froze his ungraded test. Interviewers still
        move applicants between the other stages and reopen them."""
        if self.env.user._crossborder_is_recruitment_officer():
            return
        hiring = False
        if vals.get("stage_id"):
            stage = self.env["hr.recruitment.stage"].browse(vals["stage_id"])
            # sudo: whether the stages are hired ones, whoever moves the applicant
            hiring = stage.sudo().hired_stage and any(
                not applicant.stage_id.sudo().hired_stage for applicant in self
            )
        if (
            hiring
            or (vals.get("date_closed") and any(not a.date_closed for a in self))
            or vals.get("refuse_reason_id")
            or ("active" in vals and not vals["active"] and any(a.active for a in self))
        ):
            raise AccessError(
                self.env._(
                    "Only recruitment officers hire, refuse or archive an applicant: the "
                    "decision closes his skill test's grades for good. Ask a recruitment "
                    "officer to decide."
                )
            )

    def _crossborder_check_stays_hired(self):
        """A hired applicant who has a trial stays hired: moving him out of the hired
        stage would put him back in the running (his test open to grades, a runner-up
        of his own position) and a second hire would rewrite his hire date, from which
        the funnel counts his 4-month retention. Parting ways is the trial's End."""
        # moved out of the hired stage, refused or archived
        unhired = self.filtered(
            lambda applicant: not applicant.date_closed
            or applicant.refuse_reason_id
            or not applicant.active
        )
        if not unhired:
            return
        # sudo: every trial counts, whoever may read it; once a trial ended, the
        # applicant record may be refused or archived (not un-hired: his hire date
        # stays what the funnel read)
        trials = (
            self.env["crossborder.trial"]
            .sudo()
            .search([("applicant_id", "in", unhired.ids)])
            .filtered(lambda t: t.state != "ended" or not t.applicant_id.date_closed)
        )
        if trials:
            applicant = trials[0].applicant_id
            raise UserError(
                self.env._(
                    "%(applicant)s was hired and has a trial: he stays in the hired stage with "
                    "his hire date. To part ways, end his trial.",
                    applicant=applicant.partner_name or applicant.display_name,
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_own(self):
        self._crossborder_check_not_own()

    @api.ondelete(at_uninstall=False)
    def _unlink_except_kept_results(self):
        """Deleting an applicant deletes his skill tests and their grades with him
        and unties his trial: the results kept at the decision, his score and the
        funnel's hires would go too. Recruitment officers refuse or archive him; a
        recruitment manager may delete him (a candidate who asks for his data to be
        erased)."""
        if self.env.su:
            return
        # sudo: every test and trial counts, whoever may read them
        tests = (
            self.env["crossborder.skill.test.invitation"]
            .sudo()
            .search([("applicant_id", "in", self.ids)])
        )
        # his tests go with him: what colleagues wrote on them (a deadline moved
        # and why) goes only as their messages would, by a settings administrator,
        # a recruitment manager included (outside audits 78 and 79, M2)
        tests.with_env(self.env)._crossborder_check_written_on()
        if self.env.user.has_group("hr_recruitment.group_hr_recruitment_manager"):
            return
        kept = tests.filtered(
            lambda i: i.state in ("submitted", "graded") or i.decided_on
        ).applicant_id
        kept |= (
            self.env["crossborder.trial"]
            .sudo()
            .search([("applicant_id", "in", self.ids)])
            .applicant_id
        )
        if kept:
            raise UserError(
                self.env._(
                    "%(applicant)s cannot be deleted: his skill test results or his trial "
                    "stay, and the hiring reports count them. Refuse or archive him instead; "
                    "only a recruitment manager can delete him (for instance when he asks for "
                    "his data to be erased).",
                    applicant=kept[0].partner_name or kept[0].display_name,
                )
            )

    def _crossborder_check_hiring_officer(self):
        """Stock Odoo lets only recruitment officers turn an applicant into an employee
        (``create_employee_from_applicant`` refuses interviewers); linking an employee
        by hand follows the same rule, since it opens a trial and writes HR data."""
        if not self.env.user._crossborder_is_recruitment_officer():
            raise AccessError(
                self.env._(
                    "Only recruitment officers link an applicant to an employee: it opens the "
                    "trial and records the hire in the employee's HR data."
                )
            )

    def _crossborder_open_trials(self):
        """A hired applicant's new employee starts a trial against written expectations.

        The one trigger of a trial: an applicant gets an employee (``create``/``write``
        of the applicant; Odoo's "Create employee" links them through the same write).
        An applicant linked again keeps the trial he has."""
        if not (self.env.su or self.env.user._crossborder_is_hr()):
            raise AccessError(
                self.env._("Only HR open the trial of a new hire and record the hire.")
            )
        # safe: the caller is HR (checked above); an HR officer without recruitment
        # rights or a recruitment officer without HR rights still opens the trial
        todo = self.sudo().filtered("employee_id")
        existing = todo.env["crossborder.trial"].search([("applicant_id", "in", todo.ids)])
        todo -= existing.applicant_id
        # an employee already on trial (hired again while it runs) keeps that one
        running = todo.env["crossborder.trial"].search(
            [
                ("employee_id", "in", todo.employee_id.ids),
                ("state", "in", ("in_progress", "extended")),
            ]
        )
        todo = todo.filtered(lambda applicant: applicant.employee_id not in running.employee_id)
        if todo:
            todo.env["crossborder.trial"]._open_for_applicants(todo)

    def _crossborder_send_test(self, test, deadline, send_email=True):
        """Create each applicant's personal answer (with the deadline the survey
        enforces) and the invitation that follows it: the one path that makes an
        invitation (``crossborder.skill.test.invitation.create`` refuses any other)."""
        Invitation = self.env["crossborder.skill.test.invitation"]
        Invitation.check_access("create")  # recruitment officers send tests
        self._crossborder_check_not_own()
        if deadline <= fields.Datetime.now():
            raise UserError(
                self.env._(
                    "The deadline %(deadline)s is already past: give the applicants time to "
                    "take the test.",
                    deadline=fields.Datetime.to_string(deadline),
                )
            )
        self._crossborder_check_not_waiting(test)
        survey = test.survey_id.sudo()  # officers send tests without being survey managers
        values = []
        for applicant in self:
            if not applicant.partner_id:
                if not applicant.partner_name and not applicant.email_from:
                    raise UserError(self.env._("Give the applicant a name or an e-mail first."))
                applicant.partner_id = self.env["res.partner"].create(
                    {
                        "name": applicant.partner_name or applicant.email_from,
                        "email": applicant.email_from,
                    }
                )
            answer = survey._create_answer(
                partner=applicant.partner_id,
                check_attempts=False,
                deadline=deadline,
                applicant_id=applicant.id,
            )
            values.append(
                {
                    "applicant_id": applicant.id,
                    "skill_test_id": test.id,
                    "user_input_id": answer.id,
                    "deadline": deadline,
                }
            )
        # safe: the caller may send tests (checked above), to applicants and a test he
        # reads; each invitation comes with the answer sheet just made for it
        invitations = Invitation.sudo().create(values).with_env(self.env)
        invitations.check_access("create")  # the caller's record rules (companies)
        template = self.env.ref("crossborder_ops.mail_template_skill_test_invitation")
        for invitation in invitations:
            invitation.applicant_id.message_post(
                body=self.env._(
                    "Skill test %(test)s sent: %(minutes)s minutes once started, to submit "
                    "before %(deadline)s.",
                    test=test.name,
                    minutes=f"{test.time_limit_minutes:g}",
                    deadline=fields.Datetime.to_string(deadline),
                ),
                subtype_xmlid="mail.mt_note",
            )
            if send_email and invitation.applicant_id.email_from:
                # the e-mail carries the applicant's key to his test (his personal
                # link): kept off the invitation's messages, which its interviewers
                # read, as Odoo's survey invitations do (a message of no record is
                # read by its author and recipients only)
                template.send_mail(invitation.id, email_values={"model": False, "res_id": False})
        return invitations

    def _crossborder_check_not_waiting(self, test):
        """A test is sent once to an applicant while it waits for his answers: sent
        again, he had two answer sheets of a one-attempt test (two tries, the best
        one scored) and two e-mails. To give him more time, extend the deadline of
        the sent test. The applicants' rows are written first, so that two recruiters
        sending at once wait for each other, and the second fails to serialize and
        runs again on the test the first sent (refused here)."""
        if not self.ids:
            return
        write_rows_first(self)
        # sudo: every sent test counts, whoever may read it
        waiting = (
            self.env["crossborder.skill.test.invitation"]
            .sudo()
            .search(
                [
                    ("applicant_id", "in", self.ids),
                    ("skill_test_id", "=", test.id),
                    ("state", "=", "sent"),
                ],
                limit=1,
            )
        )
        if waiting:
            applicant = waiting.applicant_id
            raise UserError(
                self.env._(
                    "The skill test %(test)s of %(applicant)s, sent on %(date)s, is already "
                    "waiting for his answers: it is not sent twice. To give him more time, "
                    "extend its deadline (Extend deadline, on his Skill tests tab).",
                    test=test.name,
                    applicant=applicant.partner_name or applicant.display_name,
                    date=format_datetime(self.env, waiting.sent_date, dt_format="short"),
                )
            )

    def action_send_skill_test(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": "crossborder.skill.test.send",
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Send a skill test"),
            "context": {"default_applicant_ids": self.ids, "default_job_id": self[:1].job_id.id},
        }

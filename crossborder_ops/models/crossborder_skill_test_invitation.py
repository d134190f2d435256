# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from ..hiring.scoring import Criterion, Invitation, final_percent, late, rubric_percent

STATES = [
    ("sent", "Sent"),
    ("submitted", "To grade"),
    ("graded", "Graded"),
    ("late", "Missed the deadline"),
]


class CrossborderSkillTestInvitation(models.Model):
    """One applicant's attempt at one skill test: sent, answered, graded."""

    _name = "crossborder.skill.test.invitation"
    _description = "Skill test sent to an applicant"
    _inherit = ["mail.thread"]
    _order = "deadline desc, id desc"
    _rec_name = "applicant_id"

    applicant_id = fields.Many2one("hr.applicant", required=True, ondelete="cascade", index=True)
    skill_test_id = fields.Many2one(
        "crossborder.skill.test", required=True, ondelete="restrict", index=True
    )
    job_id = fields.Many2one(related="skill_test_id.job_id", store=True, index=True)
    company_id = fields.Many2one(related="skill_test_id.company_id", store=True)
    user_input_id = fields.Many2one(
        "survey.user_input", string="Answers", readonly=True, copy=False
    )
    sent_date = fields.Datetime(default=fields.Datetime.now, readonly=True)
    deadline = fields.Datetime(required=True, tracking=True)
    submitted_date = fields.Datetime(compute="_compute_submission", store=True)
    minutes_used = fields.Float(string="Time used (min)", compute="_compute_submission", store=True)
    submitted_late = fields.Boolean(compute="_compute_submission", store=True)
    is_late = fields.Boolean(string="Late", readonly=True, copy=False)
    state = fields.Selection(
        STATES, compute="_compute_state", store=True, index=True, tracking=True
    )
    grade_ids = fields.One2many("crossborder.grade", "invitation_id", string="Grades")
    reviewer_count = fields.Integer(compute="_compute_scores", store=True)
    auto_score = fields.Float(string="Automatic score (%)", compute="_compute_scores", store=True)
    rubric_score = fields.Float(string="Rubric score (%)", compute="_compute_scores", store=True)
    final_score = fields.Float(
        string="Final score (%)", compute="_compute_scores", store=True, aggregator="avg"
    )
    passed = fields.Boolean(compute="_compute_scores", store=True)
    start_url = fields.Char(compute="_compute_start_url")
    applicant_name = fields.Char(related="applicant_id.partner_name")

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
        for invitation in self:
            test = invitation.skill_test_id
            criteria = [Criterion(c.id, c.weight, c.max_score) for c in test.criterion_ids]
            grades = {}
            for grade in invitation.grade_ids:
                grades.setdefault(grade.criterion_id.id, []).append(grade.score)
            rubric = rubric_percent(criteria, grades)
            has_auto = any(q.is_scored_question for q in test.survey_id.question_ids)
            auto = invitation.user_input_id.scoring_percentage if has_auto else None
            done = invitation.user_input_id.state == "done"
            final = final_percent(auto if done else None, rubric, test.rubric_share)
            invitation.reviewer_count = len(invitation.grade_ids.reviewer_id)
            invitation.auto_score = auto or 0.0
            invitation.rubric_score = rubric or 0.0
            complete = done and (rubric is not None or not criteria)
            invitation.final_score = final if complete and final is not None else 0.0
            invitation.passed = bool(complete and final is not None and final >= test.pass_mark)

    @api.depends("user_input_id.state", "is_late", "grade_ids", "skill_test_id.criterion_ids")
    def _compute_state(self):
        for invitation in self:
            criteria = invitation.skill_test_id.criterion_ids
            if invitation.is_late:
                invitation.state = "late"
            elif invitation.user_input_id.state != "done":
                invitation.state = "sent"
            elif criteria and set(criteria.ids) - set(invitation.grade_ids.criterion_id.ids):
                invitation.state = "submitted"
            else:
                invitation.state = "graded"

    def _compute_start_url(self):
        base = self.get_base_url()
        for invitation in self:
            answer = invitation.user_input_id
            invitation.start_url = answer and f"{base}{answer.get_start_url()}"

    def _crossborder_answer_text(self, question):
        self.ensure_one()
        lines = self.user_input_id.user_input_line_ids.filtered(
            lambda line: line.question_id == question
        )
        return "\n".join(
            filter(None, (line.value_text_box or line.value_char_box for line in lines))
        )

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
        return self.skill_test_id.survey_id.action_print_survey(answer=self.user_input_id)

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
            template = (
                self.env["mail.template"]
                .browse(
                    int(
                        self.env["ir.config_parameter"]
                        .sudo()
                        .get_param(  # setting, read only
                            "crossborder_ops.refuse_late_template_id", 0
                        )
                        or 0
                    )
                )
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

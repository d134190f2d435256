# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, api, fields, models
from odoo.exceptions import UserError


class CrossborderGradingWizard(models.TransientModel):
    """A reviewer grades the open answers of one test against the rubric."""

    _name = "crossborder.grading.wizard"
    _description = "Grade a skill test"

    invitation_id = fields.Many2one("crossborder.skill.test.invitation", required=True)
    line_ids = fields.One2many("crossborder.grading.wizard.line", "wizard_id")
    grades_final = fields.Boolean(
        string="Grades final",
        readonly=True,
        help="You graded every criterion of this test: your grades are final, a "
        "recruitment officer may correct them.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        self._check_invitations_readable(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._check_invitations_readable([vals])
        return super().write(vals)

    @api.model
    def _check_invitations_readable(self, vals_list):
        """A test one may not read is not one to grade: the wizard would name its
        applicant (a reviewer of another position, over RPC)."""
        self.env["crossborder.skill.test.invitation"].browse(
            {vals["invitation_id"] for vals in vals_list if vals.get("invitation_id")}
        ).check_access("read")

    def _prefill(self):
        invitation = self.invitation_id
        # safe: the reviewer's own grades, and his colleagues' only once the scores are
        # visible to him (he graded every criterion, or he is a recruitment officer),
        # as the grade record rules say; searched, not ``grade_ids``, whose value the
        # transaction shares between users
        grades = (
            self.env["crossborder.grade"].sudo().search([("invitation_id", "=", invitation.id)])
        )
        mine = {g.criterion_id: g for g in grades if g.reviewer_id == self.env.user}
        others = grades.filtered(lambda g: g.reviewer_id != self.env.user)
        if not invitation.scores_visible:
            others = grades.browse()
        officer = self.env.user._crossborder_is_recruitment_officer()
        self.grades_final = not officer and self.env.user in invitation.sudo().graded_by_ids
        lines = []
        for criterion in invitation.skill_test_id.criterion_ids:
            questions = invitation._crossborder_criterion_questions(criterion)
            own = mine.get(criterion)
            lines.append(
                Command.create(
                    {
                        "criterion_id": criterion.id,
                        "question_id": questions[:1].id,
                        "answer": invitation._crossborder_answer_text(questions),
                        # blank until graded: 0 is a grade, not the absence of one
                        "score": f"{own.score:g}" if own else False,
                        "note": own.note if own else False,
                        "other_grades": ", ".join(
                            f"{grade.reviewer_id.name}: {grade.score:g}/{criterion.max_score:g}"
                            for grade in others
                            if grade.criterion_id == criterion
                        ),
                    }
                )
            )
        self.line_ids = lines

    def action_save(self):
        self.ensure_one()
        if self.invitation_id.state not in ("submitted", "graded"):
            raise UserError(self.env._("Only submitted tests can be graded."))
        Grade = self.env["crossborder.grade"]
        existing = {
            g.criterion_id: g
            for g in self.invitation_id.grade_ids.filtered(lambda g: g.reviewer_id == self.env.user)
        }
        to_create = []
        for line in self.line_ids:
            score = line._score_value()
            if score is None:
                continue  # not graded yet: no grade
            values = {"score": score, "note": line.note}
            if line.criterion_id in existing:
                grade = existing[line.criterion_id]
                if (grade.score, grade.note or False) != (score, line.note or False):
                    grade.write(values)  # final grades refuse it (crossborder.grade)
            else:
                to_create.append(
                    dict(
                        values,
                        invitation_id=self.invitation_id.id,
                        criterion_id=line.criterion_id.id,
                    )
                )
        Grade.create(to_create)
        return {"type": "ir.actions.act_window_close"}


class CrossborderGradingWizardLine(models.TransientModel):
    _name = "crossborder.grading.wizard.line"
    _description = "Grade of one criterion"

    wizard_id = fields.Many2one("crossborder.grading.wizard", ondelete="cascade")
    criterion_id = fields.Many2one("crossborder.rubric.criterion", readonly=True)
    question_id = fields.Many2one("survey.question", readonly=True)
    answer = fields.Text(readonly=True)
    max_score = fields.Float(related="criterion_id.max_score")
    # text, so that a criterion not graded yet stays blank instead of showing 0
    score = fields.Char(help="From 0 to the maximum; leave blank to grade it later.")
    note = fields.Char()
    other_grades = fields.Char(
        string="Other reviewers",
        readonly=True,
        help="Your colleagues' grades, shown once you have graded every criterion.",
    )

    @api.constrains("score")
    def _check_score_number(self):
        for line in self:
            line._score_value()

    def _score_value(self):
        """The score as a number, None when blank; plain words when it is not one."""
        self.ensure_one()
        text = (self.score or "").strip().replace(",", ".")
        if not text:
            return None
        try:
            return float(text)
        except ValueError:
            raise UserError(
                self.env._(
                    "%(score)s is not a score: give a number from 0 to %(max)s for %(criterion)s.",
                    score=self.score,
                    max=f"{self.max_score:g}",
                    criterion=self.criterion_id.name,
                )
            ) from None

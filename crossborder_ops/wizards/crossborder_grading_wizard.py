# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, fields, models
from odoo.exceptions import UserError


class CrossborderGradingWizard(models.TransientModel):
    """A reviewer grades the open answers of one test against the rubric."""

    _name = "crossborder.grading.wizard"
    _description = "Grade a skill test"

    invitation_id = fields.Many2one("crossborder.skill.test.invitation", required=True)
    line_ids = fields.One2many("crossborder.grading.wizard.line", "wizard_id")

    def _prefill(self):
        mine = {
            g.criterion_id: g
            for g in self.invitation_id.grade_ids.filtered(lambda g: g.reviewer_id == self.env.user)
        }
        invitation = self.invitation_id
        lines = []
        for criterion in invitation.skill_test_id.criterion_ids:
            questions = invitation._crossborder_criterion_questions(criterion)
            lines.append(
                Command.create(
                    {
                        "criterion_id": criterion.id,
                        "question_id": questions[:1].id,
                        "answer": invitation._crossborder_answer_text(questions),
                        "score": mine[criterion].score if criterion in mine else 0.0,
                        "note": mine[criterion].note if criterion in mine else False,
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
            values = {"score": line.score, "note": line.note}
            if line.criterion_id in existing:
                existing[line.criterion_id].write(values)
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
    score = fields.Float()
    note = fields.Char()

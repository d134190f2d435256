# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CrossborderGrade(models.Model):
    """One reviewer's score on one rubric criterion of one submitted test."""

    _name = "crossborder.grade"
    _description = "Reviewer grade"
    _order = "invitation_id, criterion_id, id"

    invitation_id = fields.Many2one(
        "crossborder.skill.test.invitation", required=True, ondelete="cascade", index=True
    )
    criterion_id = fields.Many2one(
        "crossborder.rubric.criterion", required=True, ondelete="cascade"
    )
    reviewer_id = fields.Many2one("res.users", required=True, default=lambda self: self.env.user)
    score = fields.Float(required=True)
    max_score = fields.Float(related="criterion_id.max_score")
    note = fields.Char()

    _one_grade_per_reviewer = models.Constraint(
        "unique(invitation_id, criterion_id, reviewer_id)",
        "A reviewer grades each criterion once; change the grade instead.",
    )

    @api.constrains("score", "criterion_id")
    def _check_score(self):
        for grade in self:
            if not 0 <= grade.score <= grade.criterion_id.max_score:
                raise ValidationError(
                    self.env._(
                        "%(score)s is out of range for %(criterion)s: give between 0 and %(max)s.",
                        score=grade.score,
                        criterion=grade.criterion_id.name,
                        max=grade.criterion_id.max_score,
                    )
                )

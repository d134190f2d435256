# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

# what the scores are computed with: a sent test's criteria keep them (name and
# order are only how they are shown)
SCORING_FIELDS = frozenset(("skill_test_id", "page_id", "question_id", "weight", "max_score"))


class CrossborderRubricCriterion(models.Model):
    """What reviewers grade in an open answer, with its weight and maximum."""

    _name = "crossborder.rubric.criterion"
    _description = "Rubric criterion of a skill test"
    _order = "skill_test_id, sequence, id"
    _check_company_auto = True

    skill_test_id = fields.Many2one(
        "crossborder.skill.test",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    company_id = fields.Many2one(related="skill_test_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    page_id = fields.Many2one(
        "survey.question",
        string="Task section",
        domain="[('survey_id', '=', parent.survey_id), ('is_page', '=', True)]",
        ondelete="cascade",
        help="The section of a task: reviewers grade the assignments the applicant drew in it.",
    )
    question_id = fields.Many2one(
        "survey.question",
        string="Open question",
        domain="[('survey_id', '=', parent.survey_id),"
        " ('question_type', 'in', ('text_box', 'char_box'))]",
        ondelete="cascade",
        help="Grade the answer to this question only, whatever the section.",
    )
    name = fields.Char(string="Criterion", required=True, translate=True)
    weight = fields.Float(default=1.0, digits=(16, 0))
    max_score = fields.Float(string="Maximum", default=5.0, digits=(16, 0))

    @api.model_create_multi
    def create(self, vals_list):
        self.env["crossborder.skill.test"].browse(
            {vals["skill_test_id"] for vals in vals_list if vals.get("skill_test_id")}
        )._crossborder_check_rubric_open()
        return super().create(vals_list)

    def write(self, vals):
        if SCORING_FIELDS.intersection(vals):
            tests = self.skill_test_id
            if vals.get("skill_test_id"):
                tests |= tests.browse(vals["skill_test_id"])
            tests._crossborder_check_rubric_open()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_sent(self):
        self.skill_test_id._crossborder_check_rubric_open()

    @api.constrains("weight", "max_score")
    def _check_values(self):
        for criterion in self:
            if criterion.weight < 0 or criterion.max_score <= 0:
                raise ValidationError(
                    self.env._(
                        "Criterion %(name)s: the weight cannot be negative and the maximum "
                        "must be above zero.",
                        name=criterion.name,
                    )
                )

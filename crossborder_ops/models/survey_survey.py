# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SurveySurvey(models.Model):
    _inherit = "survey.survey"

    crossborder_sealed = fields.Boolean(
        string="Sealed skill test",
        readonly=True,
        copy=False,
        help="A skill test of Crossborder Ops: one attempt, questions shown to the "
        "applicant only inside the timed test (not printable before submission), no "
        "verdict on the done page since reviewers grade the open answers.",
    )

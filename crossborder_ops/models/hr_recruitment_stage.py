# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HrRecruitmentStage(models.Model):
    _inherit = "hr.recruitment.stage"

    require_screening = fields.Boolean(
        string="Requires a positive screening",
        help="Applicants enter this stage only with a screening scorecard that recommends them.",
    )

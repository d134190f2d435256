# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

SOURCE_KINDS = [
    ("work_study", "University work-study office"),
    ("student_referral", "Student referral"),
    ("va_platform", "Virtual assistant platform"),
    ("hr_agency", "HR agency (part-time agreements)"),
    ("social_media", "Social media"),
    ("job_board", "Job board"),
    ("other", "Other"),
]


class HrRecruitmentSource(models.Model):
    """Where applicants come from. The seed (000): work-study offices of schools,
    introductions by current students, HR agencies that sign part-time agreements."""

    _inherit = "hr.recruitment.source"

    source_kind = fields.Selection(SOURCE_KINDS, string="Kind of source", default="other")
    cost = fields.Monetary(
        currency_field="cost_currency_id", help="What this source costs (fees, ads) for the job."
    )
    cost_currency_id = fields.Many2one(
        "res.currency", default=lambda self: self.env.company.currency_id
    )

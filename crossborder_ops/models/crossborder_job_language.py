# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

LEVELS = [
    ("a2", "A2 - basic"),
    ("b1", "B1 - independent"),
    ("b2", "B2 - working"),
    ("c1", "C1 - fluent"),
    ("c2", "C2 - near native"),
    ("native", "Native"),
]


class CrossborderJobLanguage(models.Model):
    _name = "crossborder.job.language"
    _description = "Language required by a position"
    _order = "job_id, id"
    _check_company_auto = True

    job_id = fields.Many2one(
        "hr.job", required=True, ondelete="cascade", index=True, check_company=True
    )
    company_id = fields.Many2one(related="job_id.company_id", store=True, index=True)
    lang_id = fields.Many2one(
        "res.lang", string="Language", required=True, context={"active_test": False}
    )
    level = fields.Selection(LEVELS, required=True, default="b2")

    _job_lang_uniq = models.Constraint(
        "unique(job_id, lang_id)", "A language is required once per position."
    )

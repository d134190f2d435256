# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .crossborder_root_cause import LINKS


class CrossborderFeedbackLine(models.Model):
    _name = "crossborder.feedback.line"
    _inherit = ["crossborder.system.record.mixin"]
    _description = "Feedback line: one cause"
    _order = "feedback_id, count desc, id"
    _check_company_auto = True

    feedback_id = fields.Many2one(
        "crossborder.feedback", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="feedback_id.company_id", store=True, index=True)
    root_cause_id = fields.Many2one(
        "crossborder.root.cause", string="Cause", readonly=True, check_company=True
    )
    link = fields.Selection(LINKS, readonly=True)
    count = fields.Integer(string="This period", readonly=True)
    previous_count = fields.Integer(string="Previous period", readonly=True)
    trend = fields.Float(
        string="Trend (%)",
        readonly=True,
        digits=(16, 0),
        aggregator=None,  # a percentage: causes and periods do not add up
        help="Change against the previous period. Empty when the previous period had none (new).",
    )
    is_new = fields.Boolean(string="New", readonly=True)
    late_count = fields.Integer(
        string="Classified late",
        readonly=True,
        help="Of this period's problems, those opened in an earlier period.",
    )
    currency_id = fields.Many2one(related="feedback_id.currency_id")
    cost = fields.Monetary(readonly=True, help="Refunds and reshipments, when known.")

    # written by the weekly run with its feedback (outside audit 71: a line moved
    # into another department's feedback)
    _cbo_system_fields = frozenset(
        {
            "feedback_id",
            "company_id",
            "root_cause_id",
            "link",
            "count",
            "previous_count",
            "trend",
            "is_new",
            "late_count",
            "cost",
        }
    )

    def _cbo_system_how(self):
        return self.env["crossborder.feedback"]._cbo_system_how()

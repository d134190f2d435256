# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

ONBOARDING_KINDS = [
    ("values", "Values"),
    ("goals", "Goals"),
    ("tool", "Tool or template"),
    ("confidentiality", "Confidentiality"),
    ("other", "Other"),
]


class CrossborderOnboardingItem(models.Model):
    """What every new trial starts with: values, goals, tools, confidentiality.
    Each trial gets its own copy, ticked off by its manager."""

    _name = "crossborder.onboarding.item"
    _description = "Onboarding item of every trial"
    _order = "sequence, id"

    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    name = fields.Char(required=True, translate=True)
    kind = fields.Selection(ONBOARDING_KINDS, default="other", required=True)
    part_time_only = fields.Boolean(
        string="Part-timers only",
        help="Only for part-time students, interns and virtual assistants, not for "
        "full-time hires (e.g. the confidentiality agreement on product designs).",
    )

    def _trial_lines(self, job):
        """Values of the trial's own onboarding lines for a hire on ``job``."""
        items = self.filtered(
            lambda item: not item.part_time_only or job.employment_kind != "full_time"
        )
        return [{"name": item.name, "kind": item.kind, "sequence": item.sequence} for item in items]

# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

PARAM = "crossborder_ops_helpdesk.%s"
DEFAULTS = {
    "recurrence_threshold": 3,
    "recurrence_window_days": 30,
    "feedback_period_days": 7,
    "effect_window_days": 28,
    "effect_min_drop": 50,
}


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    cbo_recurrence_threshold = fields.Integer(
        string="Recurrence after (tickets)",
        config_parameter=PARAM % "recurrence_threshold",
        default=DEFAULTS["recurrence_threshold"],
        help="The same cause for the same product, country or carrier this many times opens a "
        "recurrence.",
    )
    cbo_recurrence_window_days = fields.Integer(
        string="Within (days)",
        config_parameter=PARAM % "recurrence_window_days",
        default=DEFAULTS["recurrence_window_days"],
    )
    cbo_feedback_period_days = fields.Integer(
        string="Feedback every (days)",
        config_parameter=PARAM % "feedback_period_days",
        default=DEFAULTS["feedback_period_days"],
        help="Length of the period each department's feedback summarises (weekly by default).",
    )
    cbo_effect_window_days = fields.Integer(
        string="Measure corrective actions over (days)",
        config_parameter=PARAM % "effect_window_days",
        default=DEFAULTS["effect_window_days"],
        help="Recurrence rate compared over this many days before and after the action.",
    )
    cbo_effect_min_drop = fields.Integer(
        string="Effective when the rate drops by (%)",
        config_parameter=PARAM % "effect_min_drop",
        default=DEFAULTS["effect_min_drop"],
    )

    @api.constrains(
        "cbo_recurrence_threshold", "cbo_feedback_period_days", "cbo_recurrence_window_days"
    )
    def _check_cbo_monitor(self):
        for settings in self:
            if settings.cbo_recurrence_threshold < 2:
                raise ValidationError(
                    self.env._(
                        "A recurrence needs at least 2 tickets: one ticket is not a pattern."
                    )
                )
            if settings.cbo_feedback_period_days <= 0 or settings.cbo_recurrence_window_days <= 0:
                raise ValidationError(
                    self.env._("Feedback periods and recurrence windows last at least one day.")
                )

    @api.model
    def _cbo_param(self, key):
        value = self.env["ir.config_parameter"].sudo().get_param(PARAM % key)  # read-only setting
        try:
            value = int(value) if value not in (None, False, "") else DEFAULTS[key]
        except ValueError:
            value = DEFAULTS[key]
        if key == "recurrence_threshold" and value < 2:
            raise ValidationError(
                self.env._("A recurrence needs at least 2 tickets: one ticket is not a pattern.")
            )
        if key in ("feedback_period_days", "recurrence_window_days") and value <= 0:
            raise ValidationError(
                self.env._("Feedback periods and recurrence windows last at least one day.")
            )
        return value

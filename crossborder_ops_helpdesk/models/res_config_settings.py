# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .ir_config_parameter import PARAM, SETTINGS


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    cbo_recurrence_threshold = fields.Integer(
        string="Recurrence after (tickets)",
        config_parameter=PARAM % "recurrence_threshold",
        default=SETTINGS[PARAM % "recurrence_threshold"].default,
        help="The same cause for the same product, country or carrier this many times opens a "
        "recurrence.",
    )
    cbo_recurrence_window_days = fields.Integer(
        string="Within (days)",
        config_parameter=PARAM % "recurrence_window_days",
        default=SETTINGS[PARAM % "recurrence_window_days"].default,
    )
    cbo_feedback_period_days = fields.Integer(
        string="Feedback every (days)",
        config_parameter=PARAM % "feedback_period_days",
        default=SETTINGS[PARAM % "feedback_period_days"].default,
        help="Length of the period each department's feedback summarises (weekly by default).",
    )
    cbo_effect_window_days = fields.Integer(
        string="Measure corrective actions over (days)",
        config_parameter=PARAM % "effect_window_days",
        default=SETTINGS[PARAM % "effect_window_days"].default,
        help="Recurrence rate compared over this many days before and after the action.",
    )
    cbo_effect_min_drop = fields.Integer(
        string="Effective when the rate drops by (%)",
        config_parameter=PARAM % "effect_min_drop",
        default=SETTINGS[PARAM % "effect_min_drop"].default,
    )

    cbo_recurrence_history_periods = fields.Integer(
        string="Compare with the past (periods)",
        config_parameter=PARAM % "recurrence_history_periods",
        default=SETTINGS[PARAM % "recurrence_history_periods"].default,
        help="With sales: a cause's problem rate on a product, carrier or country is compared "
        "with its own rate over this many earlier periods (each as long as the recurrence "
        "window). A recurrence opens when the rate is clearly above its usual level (3 standard "
        "deviations), and never with fewer tickets than the count above.",
    )
    cbo_effect_min_shipments = fields.Integer(
        string="Measure only with at least (shipped lines)",
        config_parameter=PARAM % "effect_min_shipments",
        default=SETTINGS[PARAM % "effect_min_shipments"].default,
        help="With sales: a corrective action is judged only when each window, before and "
        "after, has at least this many shipped order lines; otherwise it says 'not enough data'.",
    )
    cbo_effect_max_unclassified = fields.Integer(
        string="Unclassified tickets allowed (%)",
        config_parameter=PARAM % "effect_max_unclassified",
        default=SETTINGS[PARAM % "effect_max_unclassified"].default,
        help="A corrective action is judged only when at most this share of the after-sales "
        "tickets of the window after has a root cause missing; otherwise it says 'not enough "
        "data' (unclassified tickets would make it look effective).",
    )

    @api.model
    def _cbo_param(self, key):
        """The helpdesk setting ``key`` (checked when it is written, see
        ir.config_parameter)."""
        return self.env["ir.config_parameter"]._cbo_int(PARAM % key)

# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

PARAM = "crossborder_ops_helpdesk.%s"
DEFAULTS = {
    "recurrence_threshold": 3,
    "recurrence_window_days": 30,
    "feedback_period_days": 7,
    "effect_window_days": 28,
    "effect_min_drop": 50,
    "recurrence_history_periods": 12,
    "effect_min_shipments": 100,
    "effect_max_unclassified": 20,
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

    cbo_recurrence_history_periods = fields.Integer(
        string="Compare with the past (periods)",
        config_parameter=PARAM % "recurrence_history_periods",
        default=DEFAULTS["recurrence_history_periods"],
        help="With sales: a cause's problem rate on a product, carrier or country is compared "
        "with its own rate over this many earlier periods (each as long as the recurrence "
        "window). A recurrence opens when the rate is clearly above its usual level (3 standard "
        "deviations), and never with fewer tickets than the count above.",
    )
    cbo_effect_min_shipments = fields.Integer(
        string="Measure only with at least (shipped lines)",
        config_parameter=PARAM % "effect_min_shipments",
        default=DEFAULTS["effect_min_shipments"],
        help="With sales: a corrective action is judged only when each window, before and "
        "after, has at least this many shipped order lines; otherwise it says 'not enough data'.",
    )
    cbo_effect_max_unclassified = fields.Integer(
        string="Unclassified tickets allowed (%)",
        config_parameter=PARAM % "effect_max_unclassified",
        default=DEFAULTS["effect_max_unclassified"],
        help="A corrective action is judged only when at most this share of the after-sales "
        "tickets of the window after has a root cause missing; otherwise it says 'not enough "
        "data' (unclassified tickets would make it look effective).",
    )

    @api.constrains(
        "cbo_recurrence_threshold",
        "cbo_recurrence_window_days",
        "cbo_feedback_period_days",
        "cbo_effect_window_days",
        "cbo_effect_min_drop",
        "cbo_recurrence_history_periods",
        "cbo_effect_min_shipments",
        "cbo_effect_max_unclassified",
    )
    def _check_cbo_monitor(self):
        for settings in self:
            problems = self._cbo_problems({key: settings[f"cbo_{key}"] for key in DEFAULTS})
            if problems:
                raise ValidationError("\n".join(problems))

    @api.model
    def _cbo_problems(self, values):
        """Plain sentences for every setting of ``values`` ({key: value}) that
        makes no sense, checked together."""
        problems = []
        if "recurrence_threshold" in values and values["recurrence_threshold"] < 2:
            problems.append(
                self.env._("A recurrence needs at least 2 tickets: one ticket is not a pattern.")
            )
        if any(
            key in values and values[key] <= 0
            for key in ("feedback_period_days", "recurrence_window_days")
        ):
            problems.append(
                self.env._("Feedback periods and recurrence windows last at least one day.")
            )
        if "effect_window_days" in values and values["effect_window_days"] <= 0:
            problems.append(
                self.env._(
                    "Corrective actions are measured over at least one day: over 0 days "
                    "every action would count as effective."
                )
            )
        if "effect_min_drop" in values and not 0 < values["effect_min_drop"] <= 100:
            problems.append(
                self.env._(
                    "An action is effective when the rate drops by more than 0 %% and at "
                    "most 100 %%: %(value)s %% is not possible.",
                    value=values["effect_min_drop"],
                )
            )
        if "recurrence_history_periods" in values and values["recurrence_history_periods"] < 1:
            problems.append(self.env._("A rate is compared with at least one earlier period."))
        if "effect_min_shipments" in values and values["effect_min_shipments"] < 1:
            problems.append(
                self.env._(
                    "A corrective action needs at least one shipped line in each window "
                    "to be judged on rates."
                )
            )
        if (
            "effect_max_unclassified" in values
            and not 0 <= values["effect_max_unclassified"] <= 100
        ):
            problems.append(
                self.env._(
                    "The share of unclassified tickets allowed is between 0 %% and 100 %%: "
                    "%(value)s %% is not possible.",
                    value=values["effect_max_unclassified"],
                )
            )
        return problems

    @api.model
    def _cbo_param(self, key):
        value = self.env["ir.config_parameter"].sudo().get_param(PARAM % key)  # read-only setting
        try:
            value = int(value) if value not in (None, False, "") else DEFAULTS[key]
        except ValueError:
            value = DEFAULTS[key]
        problems = self._cbo_problems({key: value})
        if problems:
            raise ValidationError(problems[0])
        return value

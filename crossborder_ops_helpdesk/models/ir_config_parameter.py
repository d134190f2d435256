# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

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
KEYS = {PARAM % key: key for key in DEFAULTS}


class IrConfigParameter(models.Model):
    """The helpdesk's settings, checked once where every path writes them (the
    settings page, System parameters, RPC): see the base addon's helper. The
    feedback period is also the schedule of the feedback's scheduled action."""

    _inherit = "ir.config_parameter"

    @api.model
    def _cbo_setting_problems(self, values):
        problems = super()._cbo_setting_problems(values)
        ours = {KEYS[key]: value for key, value in values.items() if key in KEYS}
        numbers = {}
        for key, value in ours.items():
            number = self._cbo_whole_number(value)
            if number is None:
                problems.append(
                    self.env._(
                        "%(setting)s takes a whole number: %(value)s is not one.",
                        setting=self.env["res.config.settings"]
                        ._fields[f"cbo_{key}"]
                        ._description_string(self.env),
                        value=value,
                    )
                )
            else:
                numbers[key] = number
        return problems + self._cbo_helpdesk_problems(numbers)

    @api.model
    def _cbo_settings_changed(self, keys):
        result = super()._cbo_settings_changed(keys)
        if PARAM % "feedback_period_days" in keys:
            self.env["crossborder.feedback"]._sync_schedule()
        return result

    @api.model
    def _cbo_helpdesk_problems(self, values):
        """Plain sentences for every helpdesk setting of ``values`` ({key without
        prefix: int}) that makes no sense."""
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

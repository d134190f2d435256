# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.tools.translate import LazyTranslate

from odoo.addons.crossborder_ops.models.ir_config_parameter import Setting, declare

_lt = LazyTranslate(__name__)

PARAM = "crossborder_ops_helpdesk.%s"
# a year at most, and a year's worth of weekly periods to compare with: beyond,
# the feedback's dates are no dates and its scheduled action fails (outside audit 66)
PERIODS = _lt("Feedback periods and recurrence windows last one day to a year (365 days).")
SETTINGS = declare(
    Setting(
        PARAM % "recurrence_threshold",
        3,
        low=2,
        high=100000,
        field="cbo_recurrence_threshold",
        message=_lt("A recurrence needs 2 to 100,000 tickets: one ticket is not a pattern."),
    ),
    Setting(
        PARAM % "recurrence_window_days",
        30,
        low=1,
        high=365,
        field="cbo_recurrence_window_days",
        message=PERIODS,
    ),
    Setting(
        PARAM % "feedback_period_days",
        7,
        low=1,
        high=365,
        field="cbo_feedback_period_days",
        message=PERIODS,
    ),
    Setting(
        PARAM % "effect_window_days",
        28,
        low=1,
        high=365,
        field="cbo_effect_window_days",
        message=_lt(
            "Corrective actions are measured over one day to a year (365 days): over 0 days "
            "every action would count as effective."
        ),
    ),
    Setting(
        PARAM % "effect_min_drop",
        50,
        low=1,
        high=100,
        field="cbo_effect_min_drop",
        message=_lt(
            "An action is effective when the rate drops by more than 0 %% and at "
            "most 100 %%: %(value)s %% is not possible."
        ),
    ),
    Setting(
        PARAM % "recurrence_history_periods",
        12,
        low=1,
        high=104,
        field="cbo_recurrence_history_periods",
        message=_lt("A rate is compared with 1 to 104 earlier periods."),
    ),
    Setting(
        PARAM % "effect_min_shipments",
        100,
        low=1,
        high=10**9,
        field="cbo_effect_min_shipments",
        message=_lt(
            "A corrective action needs 1 to 1,000,000,000 shipped lines in each window "
            "to be judged on rates."
        ),
    ),
    Setting(
        PARAM % "effect_max_unclassified",
        20,
        low=0,
        high=100,
        field="cbo_effect_max_unclassified",
        message=_lt(
            "The share of unclassified tickets allowed is between 0 %% and 100 %%: "
            "%(value)s %% is not possible."
        ),
    ),
)


class IrConfigParameter(models.Model):
    """The helpdesk's settings, declared for the base addon's helper, which
    checks them where every path writes them (the settings page, System
    parameters, RPC). The feedback period is also the schedule of the
    feedback's scheduled action."""

    _inherit = "ir.config_parameter"

    @api.model
    def _cbo_settings(self):
        return super()._cbo_settings() | SETTINGS

    @api.model
    def _cbo_settings_changed(self, keys):
        result = super()._cbo_settings_changed(keys)
        if PARAM % "feedback_period_days" in keys:
            self.env["crossborder.feedback"]._sync_schedule()
        return result

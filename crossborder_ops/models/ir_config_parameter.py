# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.exceptions import ValidationError


class IrConfigParameter(models.Model):
    """The suite's one settings helper: whole-number settings are read with
    ``_cbo_int`` and checked once, where every path writes them (the settings
    page, System parameters, JSON-RPC, code): here. Each addon says what makes
    no sense in ``_cbo_setting_problems`` and reacts in ``_cbo_settings_changed``."""

    _inherit = "ir.config_parameter"

    @api.model_create_multi
    def create(self, vals_list):
        self._cbo_check({vals.get("key"): vals.get("value") for vals in vals_list})
        params = super().create(vals_list)
        self._cbo_settings_changed(set(params.mapped("key")))
        return params

    def write(self, vals):
        if {"key", "value"} & set(vals):
            self._cbo_check(
                {vals.get("key", param.key): vals.get("value", param.value) for param in self}
            )
        result = super().write(vals)
        self._cbo_settings_changed(set(self.mapped("key")))
        return result

    @api.model
    def _cbo_check(self, values):
        problems = self._cbo_setting_problems(values)
        if problems:
            raise ValidationError("\n".join(problems))

    @api.model
    def _cbo_setting_problems(self, values):
        """Plain sentences for the settings of ``values`` ({key: raw value}) that
        make no sense; addons extend it for their keys."""
        return []

    @api.model
    def _cbo_settings_changed(self, keys):
        """Hook after the settings ``keys`` were written (e.g. a schedule follows)."""
        return None

    @api.model
    def _cbo_int(self, key, default):
        """The whole-number setting ``key``; ``default`` when it is not set."""
        value = self.sudo().get_param(key)  # settings are read by every user's flows
        if value in (None, False, ""):
            return default
        return int(value)

    @api.model
    def _cbo_whole_number(self, value):
        """``value`` as an int, or None when it is not a whole number."""
        try:
            return int(str(value).strip())
        except ValueError:
            return None

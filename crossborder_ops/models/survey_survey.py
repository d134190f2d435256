# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class SurveySurvey(models.Model):
    _inherit = "survey.survey"

    # stock falls back to the first installed language by name when the context has
    # none (scheduled actions, imports, tests): with Chinese active, every such survey
    # would be Chinese-only. The suite activates Chinese and Turkish, so the fallback
    # is the user's language, then the partners' default one.
    lang_ids = fields.Many2many(default=lambda self: self._crossborder_default_lang_ids())
    crossborder_sealed = fields.Boolean(
        string="Sealed skill test",
        readonly=True,
        copy=False,
        help="A skill test of Crossborder Ops: one attempt, questions shown to the "
        "applicant only inside the timed test (not printable before submission), no "
        "verdict on the done page since reviewers grade the open answers.",
    )

    @api.model
    def _crossborder_default_lang_ids(self):
        Lang = self.env["res.lang"]
        for code in (
            self.env.context.get("lang"),
            self.env.user.lang,
            self.env["ir.default"].sudo()._get("res.partner", "lang"),  # a setting, read only
        ):
            lang = code and Lang._lang_get(code)
            if lang:
                return lang
        return Lang._lang_get(Lang.get_installed()[0][0])

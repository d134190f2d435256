# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class MailMessage(models.Model):
    _inherit = "mail.message"

    @api.model_create_multi
    def create(self, vals_list):
        messages = super().create(vals_list)
        messages._crossborder_check_trial_authors()
        return messages

    def write(self, vals):
        result = super().write(vals)
        if {"author_id", "model", "res_id"}.intersection(vals):
            self._crossborder_check_trial_authors()
        return result

    def _crossborder_check_trial_authors(self):
        """A message created on a trial (or moved onto one, or given another author)
        outside ``message_post`` keeps the trial's author rule: the author checked
        after the defaults are applied (a ``default_author_id`` in the context is
        the caller's too); the refusal undoes the call."""
        if self.env.su:
            return
        # read the model and author of the caller's own messages, to check them
        on_trials = self.sudo().filtered(lambda message: message.model == "crossborder.trial")
        if on_trials:
            self.env["crossborder.trial"]._crossborder_check_authors(
                [message.author_id.id for message in on_trials]
            )

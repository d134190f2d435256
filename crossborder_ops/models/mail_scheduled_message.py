# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class MailScheduledMessage(models.Model):
    _inherit = "mail.scheduled.message"

    @api.model_create_multi
    def create(self, vals_list):
        messages = super().create(vals_list)
        messages._crossborder_check_trial_authors()
        return messages

    def write(self, vals):
        result = super().write(vals)
        if "author_id" in vals:
            self._crossborder_check_trial_authors()
        return result

    def _crossborder_check_trial_authors(self):
        """A message scheduled on a trial keeps the trial's author rule (the one of
        ``message_post``, ``crossborder.trial._crossborder_check_authors``): listed
        on the trial under its author until it is posted, a note signed as the
        manager would read as his. Checked once the defaults are applied; the
        refusal undoes the call."""
        if self.env.su:
            return
        # read the model and author of the caller's own scheduled messages, to check them
        on_trials = self.sudo().filtered(lambda message: message.model == "crossborder.trial")
        if on_trials:
            self.env["crossborder.trial"]._crossborder_check_authors(on_trials.author_id.ids)

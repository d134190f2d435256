# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.exceptions import AccessError


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def write(self, vals):
        # rescheduled, reassigned, or marked done (archived)
        self._crossborder_check_not_others_on_own()
        return super().write(vals)

    def unlink(self):
        self._crossborder_check_not_others_on_own()
        return super().unlink()

    def _crossborder_check_not_others_on_own(self):
        """On a record about himself (``mail.thread._crossborder_about_caller``: his
        own trial, his own application) a user leaves the to-dos of others as they
        are: a trainee who is HR marked his manager's "Decide on the trial" done,
        and no reminder came again. His own to-dos stay his."""
        if self.env.su:
            return
        # sudo: which record each to-do is on and whose it is, to check the caller
        for model, activities in self.sudo().grouped("res_model").items():
            if model not in self.env or not hasattr(self.env[model], "_crossborder_about_caller"):
                continue
            own = self.env[model].browse(activities.mapped("res_id"))._crossborder_about_caller()
            others = activities.filtered(
                lambda a, own=own: a.res_id in own.ids and a.user_id != self.env.user
            )
            if others:
                raise AccessError(
                    self.env._(
                        "%(record)s is about you: %(todo)s is %(user)s's to-do, which only "
                        "they reschedule, reassign or mark done.",
                        record=others[0].res_name or own[0].sudo().display_name,
                        todo=others[0].summary or others[0].activity_type_id.name,
                        user=others[0].user_id.name or self.env._("somebody else"),
                    )
                )

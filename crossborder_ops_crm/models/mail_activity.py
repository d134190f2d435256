# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields, models
from odoo.exceptions import UserError


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def write(self, vals):
        if "activity_type_id" in vals and not self.env.su:
            pool_types = self.env["crossborder.pool.mover"]._pool_activity_type_ids()
            if any(
                activity.activity_type_id.id in pool_types
                and activity.activity_type_id.id != vals["activity_type_id"]
                for activity in self
            ):
                # a pool reminder retyped as a call and ticked read as a follow-up
                # of its own, which reset the recycling clock with one click
                raise UserError(
                    self.env._(
                        "The pool's reminders stay reminders: to follow the customer up, "
                        "log the call, e-mail or meeting as an activity of its own."
                    )
                )
        return super().write(vals)

    def _action_done(self, feedback=False, attachment_ids=None):
        """A completed activity of a qualifying type resets the lead's follow-up
        clock when its salesperson completes it; one logged and done at once by
        the same person does not, nor one a colleague marks done."""
        now = fields.Datetime.now()
        lead_ids = set()
        for activity in self.filtered(lambda a: a.res_model == "crm.lead"):
            lead = self.env["crm.lead"].sudo().browse(activity.res_id)  # pool settings only
            pool = lead.pool_id
            if lead.user_id != self.env.user:
                continue
            types = pool.progress_activity_type_ids if pool else activity.activity_type_id
            if activity.activity_type_id not in types:
                continue
            min_age = timedelta(minutes=pool.min_activity_age_minutes if pool else 0)
            instant = activity.create_uid == self.env.user and activity.create_date > now - min_age
            if not instant:
                lead_ids.add(activity.res_id)
        result = super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
        if lead_ids:
            self.env["crm.lead"].browse(lead_ids).exists()._pool_register_progress(now)
        return result

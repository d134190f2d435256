# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo import models

from .crossborder_buyer_message import POST_KEY


class MailMessageSchedule(models.Model):
    _inherit = "mail.message.schedule"

    def _send_notifications(self, default_notify_kwargs=None):
        """A reply posted on a ticket with a later date answers when mail sends
        it (see ``helpdesk.ticket.message_post``): then it is the first response
        and answers the buyer's messages, as sent now."""
        # read before: the schedules are deleted once sent
        on_tickets = [
            (schedule.mail_message_id, self._cbo_skips_followers(schedule, default_notify_kwargs))
            for schedule in self.sudo()
            if schedule.mail_message_id.model == "helpdesk.ticket"
        ]
        result = super()._send_notifications(default_notify_kwargs=default_notify_kwargs)
        # sudo: the stamps and clocks are the system's, whoever sends the queue
        tickets = (
            self.env["helpdesk.ticket"]
            .sudo()
            .browse({message.res_id for message, _skip in on_tickets})
            .exists()
        )
        cache = self.env.cr.cache
        outer = cache.get(POST_KEY)
        try:
            for message, skip_followers in on_tickets:
                ticket = tickets.filtered(lambda t, m=message: t.id == m.res_id)
                if ticket:
                    cache[POST_KEY] = {"sent_now": True, "skip_followers": skip_followers}
                    ticket._cbo_on_message(message)
        finally:
            cache[POST_KEY] = outer
        return result

    def _cbo_skips_followers(self, schedule, default_notify_kwargs):
        try:
            parameters = json.loads(schedule.notification_parameters or "{}")
        except ValueError:
            parameters = {}
        parameters = dict(default_notify_kwargs or {}, **parameters)
        return bool(parameters.get("notify_skip_followers"))

# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

TICKET = "helpdesk.ticket"
DROPPED_KEY = "cbo_marketplace_dropped"


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    @api.model
    def _routing_check_route(self, message, message_dict, route, raise_exception=True):
        """Mail handed over for tickets (an incoming mail server that creates
        tickets, a program) is checked by Odoo on the model it reads the mail
        with, not on the tickets: their marketplace routing (follow-ups into the
        open ticket; auto-replies, notices and opt-outs opening none) runs on it
        too (outside audit 62, F4)."""
        if route and route[0] == TICKET and not route[1] and self._name != TICKET:
            route = self.env[TICKET]._routing_check_route(
                message, message_dict, route, raise_exception=raise_exception
            )
            message_dict[DROPPED_KEY] = route is False
            return route
        return super()._routing_check_route(
            message, message_dict, route, raise_exception=raise_exception
        )

    @api.model
    def message_route(self, message, message_dict, model=None, thread_id=None, custom_values=None):
        try:
            routes = super().message_route(message, message_dict, model, thread_id, custom_values)
        except ValueError:
            # the tickets' routing opened nothing for it (see above): handled,
            # not an e-mail nobody could route (which the mail server would
            # fetch again and again)
            if message_dict.pop(DROPPED_KEY, False):
                return []
            raise
        message_dict.pop(DROPPED_KEY, None)  # not a value of the message posted
        return routes

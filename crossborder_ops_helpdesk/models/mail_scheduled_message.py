# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo import api, models


class MailScheduledMessage(models.Model):
    _inherit = "mail.scheduled.message"

    @api.model_create_multi
    def create(self, vals_list):
        """A message sent later on a ticket, not a note, goes out as the reply it is:
        it answers the buyer's clocks and is the ticket's first response when it is
        sent. The composer says so; a scheduled message created otherwise left it to
        Odoo's default, a notification, which reached the customer and answered
        nobody."""
        for vals in vals_list:
            if vals.get("model") == "helpdesk.ticket":
                # sent later, by the system, in his name: who may not answer the
                # customer may not schedule it either
                partner_ids = self.env["mail.scheduled.message"].new(vals).partner_ids.ids
                self.env["helpdesk.ticket"].browse(vals.get("res_id"))._check_can_write_to_customer(
                    {
                        "subtype_xmlid": "mail.mt_note"
                        if vals.get("is_note")
                        else "mail.mt_comment",
                        "partner_ids": partner_ids,
                    }
                )
            if vals.get("model") == "helpdesk.ticket" and not vals.get("is_note"):
                params = json.loads(vals.get("notification_parameters") or "{}")
                params.setdefault("message_type", "comment")
                vals["notification_parameters"] = json.dumps(params)
        return super().create(vals_list)

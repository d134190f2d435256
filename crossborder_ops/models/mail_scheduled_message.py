# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class MailScheduledMessage(models.Model):
    """A message scheduled on a trial or a ticket is listed there under its author
    until it is posted: it is scheduled in one's own name."""

    _name = "mail.scheduled.message"
    _inherit = ["mail.scheduled.message", "crossborder.evidence.message.mixin"]

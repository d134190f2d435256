# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class MailScheduledMessage(models.Model):
    """A message scheduled on a trial is listed there under its author until it is
    posted: it keeps the trial's author rule."""

    _name = "mail.scheduled.message"
    _inherit = ["mail.scheduled.message", "crossborder.trial.author.mixin"]

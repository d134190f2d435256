# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class MailMessage(models.Model):
    """A message on a trial keeps the trial's author rule, on every path."""

    _name = "mail.message"
    _inherit = ["mail.message", "crossborder.trial.author.mixin"]

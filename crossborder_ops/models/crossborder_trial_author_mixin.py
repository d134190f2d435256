# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class CrossborderTrialAuthorMixin(models.AbstractModel):
    """Messages written on a record outside ``message_post`` (posted or scheduled):
    on a trial they keep its author rule,
    ``crossborder.trial._crossborder_check_message_authors``."""

    _name = "crossborder.trial.author.mixin"
    _description = "Messages that keep a trial's author rule"

    @api.model_create_multi
    def create(self, vals_list):
        messages = super().create(vals_list)
        self.env["crossborder.trial"]._crossborder_check_message_authors(messages)
        return messages

    def write(self, vals):
        result = super().write(vals)
        if {"author_id", "model", "res_id"}.intersection(vals):
            self.env["crossborder.trial"]._crossborder_check_message_authors(self)
        return result

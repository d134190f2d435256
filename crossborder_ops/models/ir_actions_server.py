# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.exceptions import AccessError


class IrActionsServer(models.Model):
    """A scheduled action's code is run by the scheduler (or from *Run Manually*
    by a settings administrator), not by whoever may write its model: run over RPC
    by an agent, the trial measures or the departments' feedback were made in his
    name, outside the scheduler's lock and its committed batches."""

    _inherit = "ir.actions.server"

    def _can_execute_action_on_records(self, records):
        # run() checks in sudo: the user is the caller (or the scheduled action's own)
        user = self.env.user
        if (
            self.usage == "ir_cron"
            and not (user._is_superuser() or user._is_system())
            # a scheduled action run by the scheduler as its own user (self is sudo here)
            and user
            not in self.env["ir.cron"].search([("ir_actions_server_id", "=", self.id)]).user_id
        ):
            raise AccessError(
                self.env._(
                    "%(action)s is a scheduled action: the scheduler runs it, or a settings "
                    "administrator with Run Manually.",
                    action=self.name,
                )
            )
        return super()._can_execute_action_on_records(records)

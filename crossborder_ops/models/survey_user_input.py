# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import models


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    def write(self, vals):
        result = super().write(vals)
        if "deadline" in vals:  # the invitation writes back only what differs: no loop
            self._crossborder_sync_invitation_deadline()
        return result

    def _crossborder_sync_invitation_deadline(self):
        """A deadline changed on the survey side goes on the skill-test invitation,
        which the scheduled action reads: both always agree."""
        # safe: only the deadline of the invitations of these answers is copied from them
        invitations = (
            self.env["crossborder.skill.test.invitation"]
            .sudo()
            .search([("user_input_id", "in", self.ids)])
        )
        by_deadline = defaultdict(lambda: invitations.browse())
        for invitation in invitations:
            if invitation.deadline != invitation.user_input_id.deadline:
                by_deadline[invitation.user_input_id.deadline] |= invitation
        for deadline, group in by_deadline.items():
            if deadline:  # an answer without deadline leaves the invitation's in place
                group.write({"deadline": deadline})

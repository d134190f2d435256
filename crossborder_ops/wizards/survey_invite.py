# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.exceptions import UserError


class SurveyInvite(models.TransientModel):
    _inherit = "survey.invite"

    def action_invite(self):
        """A skill test reaches an applicant from his application only (Send skill
        test): his own answer sheet with the test's deadline, and the invitation
        its reviewers grade and the deadline's scheduled action follows. Sent as a
        plain survey (Share, or Send Interview when it is the position's interview
        form), he had a sheet without deadline nor invitation, a second try next
        to the one sent, and anyone at any address the test and its questions."""
        # sudo: whether the survey is sealed, whoever sends
        if not self.env.su and any(self.sudo().survey_id.mapped("crossborder_sealed")):
            raise UserError(
                self.env._(
                    "%(test)s is a skill test: send it from the applicant's application "
                    "(Send skill test), which gives him his own answer sheet with the test's "
                    "deadline, once.",
                    test=self.sudo().survey_id[:1].title,
                )
            )
        return super().action_invite()

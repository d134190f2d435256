# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, models
from odoo.fields import Domain

# what a user may still change on a skill test's answer sheet: its deadline, which
# the invitation follows (more time for the applicant); the rest is the applicant's
# (the survey routes, in sudo) or the system's
SHEET_WRITABLE = frozenset(("deadline",))


class SurveyUserInput(models.Model):
    _name = "survey.user_input"
    _inherit = ["survey.user_input", "crossborder.hidden.records.mixin"]

    @api.model
    def _crossborder_hidden_domain(self):
        """Answers of sealed skill tests not submitted yet, for users who do not
        send tests (interviewers read their applicants' answers): the answer's
        access token is the applicant's key to his test, with which one could
        take it in his place. None when the user may read them."""
        user = self.env.user
        if (
            self.env.su
            or user.has_group("hr_recruitment.group_hr_recruitment_user")
            or user.has_group("survey.group_survey_manager")
        ):
            return None
        sealed = self.env["survey.survey"].sudo()._search([("crossborder_sealed", "=", True)])
        return Domain("survey_id", "in", sealed) & Domain("state", "!=", "done")

    def _crossborder_hidden_reason(self):
        return self.env._(
            "This skill test is not submitted yet: its answers are shown to reviewers once "
            "the applicant has submitted it."
        )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            # sudo: whether the surveys are sealed, whoever creates
            surveys = (
                self.env["survey.survey"]
                .sudo()
                .browse({vals["survey_id"] for vals in vals_list if vals.get("survey_id")})
            )
            surveys._crossborder_check_sheets_untouched()
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and set(vals) - SHEET_WRITABLE:
            self.sudo().survey_id._crossborder_check_sheets_untouched()
        result = super().write(vals)
        if "deadline" in vals:  # the invitation writes back only what differs: no loop
            self._crossborder_sync_invitation_deadline()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_skill_test_sheet(self):
        if not self.env.su:
            self.sudo().survey_id._crossborder_check_sheets_untouched()

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

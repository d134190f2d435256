# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, api, models
from odoo.exceptions import ValidationError
from odoo.tools import email_normalize


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        if any(vals.get("email") for vals in vals_list):
            partners._crossborder_check_colleague_email()
        return partners

    def write(self, vals):
        result = super().write(vals)
        if vals.get("email") or "user_ids" in vals:
            self._crossborder_check_colleague_email()
        if "email" in vals:
            # a reviewer's address put back on his account after he graded his own
            # application under it: sudo, whose account it is, whoever writes it
            reviewers = self.sudo().with_context(active_test=False).user_ids
            if reviewers:
                self.env["crossborder.grade"]._crossborder_check_graded_not_own(
                    [("reviewer_id", "in", reviewers.ids)]
                )
        return result

    def _crossborder_check_colleague_email(self):
        """A company user's address is not a customer's: mail sends him the notes
        and messages he is named on or follows, so a department manager who gave
        himself the customer's address e-mailed the customer the agents' notes.
        Settings administrators (and the system) set any address."""
        if self.env.uid == SUPERUSER_ID or self.env.user._is_system():
            return
        # sudo: whose address it is, whoever may read those contacts
        colleagues = self.sudo().filtered(lambda p: not p.partner_share)
        emails = {email_normalize(p.email) for p in colleagues if p.email} - {False}
        if not emails:
            return
        # a colleague's other contact, or the company's own address, is fine; a
        # customer's or a supplier's address is not
        companies = self.env["res.company"].sudo().search([]).partner_id
        others = (
            self.env["res.partner"]
            .sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("email_normalized", "in", list(emails)),
                    ("partner_share", "=", True),
                    ("id", "not in", companies.ids),
                ],
                limit=1,
            )
        )
        if others:
            raise ValidationError(
                self.env._(
                    "%(email)s is the address of %(contact)s, who is not one of the company's "
                    "users: a colleague's e-mail address cannot be his (the messages and notes "
                    "sent to the colleague would reach him).",
                    email=others.email,
                    contact=others.display_name,
                )
            )

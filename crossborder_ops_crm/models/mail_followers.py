# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.fields import Domain


class MailFollowers(models.Model):
    """The customer following a lead waiting in a masking pool is not shown to
    the salespeople who must claim it first (his name and e-mail are his
    contact details); colleagues following it are."""

    _inherit = "mail.followers"

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None, *, bypass_access=False, **kwargs):
        Lead = self.env["crm.lead"]
        if not (bypass_access or self.env.su or Lead._pool_sees_contacts()):
            masked = Lead.sudo()._search(
                [
                    ("pool_id.mask_contact", "=", True),
                    ("user_id", "=", False),
                    ("won_status", "=", "pending"),
                    ("pool_escalated", "=", False),
                ]
            )
            hidden = (
                Domain("res_model", "=", "crm.lead")
                & Domain("res_id", "in", masked)
                & Domain("partner_id.partner_share", "=", True)
            )
            domain = Domain(domain) & ~hidden
        return super()._search(domain, offset, limit, order, bypass_access=bypass_access, **kwargs)

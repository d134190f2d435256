# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

EXCLUDE_POOL = "crossborder_assign_outside_pools"


class CrmTeam(models.Model):
    """Odoo's own lead assignment ("Assign leads", rule-based, with the
    members' monthly capacity) knows nothing of tiers, caps, cool-downs and
    reservations: it stays out of the pools. Leads in a pool are handed out by
    the pool's rotation and claims; every other lead by Odoo as before."""

    _inherit = "crm.team"

    def _get_lead_to_assign_domain(self):
        return [*super()._get_lead_to_assign_domain(), ("pool_id", "=", False)]

    def _allocate_leads(self, creation_delta_days=7):
        # the team allocation merges duplicates and sets teams: not on pool leads
        # (the key only narrows the duplicates found, see crm.lead._get_lead_duplicates)
        return super(CrmTeam, self.with_context(**{EXCLUDE_POOL: True}))._allocate_leads(
            creation_delta_days=creation_delta_days
        )

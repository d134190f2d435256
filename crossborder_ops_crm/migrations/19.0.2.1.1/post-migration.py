# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """A lead in a pool belongs to the pool's company: the leads crm left
    without company (waiting in a pool of a team without company) take it, by
    an ORM write per company, so that what depends on it follows."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    leads = (
        env["crm.lead"]
        .with_context(active_test=False, tracking_disable=True)
        .search([("pool_id", "!=", False), ("company_id", "=", False)])
    )
    for company, same in leads.grouped(lambda lead: lead.pool_id.company_id).items():
        same.write({"company_id": company.id})

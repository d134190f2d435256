# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """The feedback's scheduled action runs every feedback period (the setting),
    no longer every week whatever the setting says."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["crossborder.feedback"]._sync_schedule()

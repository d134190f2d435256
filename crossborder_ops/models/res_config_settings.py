# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    module_crossborder_ops_helpdesk = fields.Boolean(
        string="Customer service as the monitor",
        help="Classify customer problems to the link and department that caused "
        "them, and send each department a regular feedback digest.",
    )
    module_crossborder_ops_crm = fields.Boolean(
        string="High-seas customer pool",
        help="Share B2B customers between salespeople through a public pool "
        "with private caps, claim caps, recycling and rotation.",
    )

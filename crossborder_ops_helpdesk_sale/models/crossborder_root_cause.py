# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from ..chain.blame import default_party

BLAME_PARTIES = [
    ("supplier", "The product's supplier"),
    ("carrier", "The carrier"),
    ("shipper", "Who shipped the order"),
    ("none", "Nobody outside the department"),
]


class CrossborderRootCause(models.Model):
    _inherit = "crossborder.root.cause"

    blame_party = fields.Selection(
        BLAME_PARTIES,
        string="Blame reaches",
        compute="_compute_blame_party",
        store=True,
        readonly=False,
        recursive=True,
        help="Who outside the department the tickets of this cause name, so that the "
        "weekly feedback can say it: the supplier for procurement, the carrier for "
        "logistics and customs clearance, who shipped the order for warehousing and "
        "packaging, nobody for our own decisions (product development, listing...). "
        "Set from the parent cause or the link when the cause is created; change it "
        "here, e.g. a manufacturing defect reaches the supplier.",
    )

    @api.depends("link", "parent_id.blame_party")
    def _compute_blame_party(self):
        for cause in self:
            if not cause.blame_party:
                cause.blame_party = cause.parent_id.blame_party or default_party(cause.link)

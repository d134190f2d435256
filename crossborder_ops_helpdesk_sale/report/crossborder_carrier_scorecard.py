# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CrossborderCarrierScorecard(models.Model):
    """Carriers by problems per 1,000 shipped lines, cost and trend, per
    destination country: for logistics."""

    _name = "crossborder.carrier.scorecard"
    _inherit = ["crossborder.scorecard.mixin"]
    _description = "Carrier scorecard"
    _auto = False
    _cbo_dimensions = ("carrier_id", "country_id")

    carrier_id = fields.Many2one(
        "delivery.carrier",
        readonly=True,
        help="The delivery's carrier for shipments; for problems, the carrier they are "
        "blamed on (logistics and customs causes).",
    )
    country_id = fields.Many2one("res.country", string="Destination country", readonly=True)

# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from ..monitor.sizes import convert, sentence

CATEGORIES = [
    ("men_tops", "Men's clothing"),
    ("women_tops", "Women's clothing"),
    ("men_shoes", "Men's shoes"),
    ("women_shoes", "Women's shoes"),
]


class CrossborderSizeChart(models.Model):
    """One row of equivalent sizes (the seed, 001: US sizes differ a lot from
    Chinese ones)."""

    _name = "crossborder.size.chart"
    _description = "Size conversion row"
    _order = "category, sequence, id"

    category = fields.Selection(CATEGORIES, required=True, index=True)
    sequence = fields.Integer(default=10)
    label = fields.Char(help="Letter size, e.g. M")
    us = fields.Char(string="US")
    uk = fields.Char(string="UK")
    eu = fields.Char(string="EU")
    cn = fields.Char(string="CN", help="Chinese GB sizes: height/chest or foot length in mm.")
    jp = fields.Char(string="JP")

    @api.model
    def _convert(self, category, system, value):
        rows = self.search_fetch(
            [("category", "=", category)], ["label", "us", "uk", "eu", "cn", "jp"]
        )
        plain = [
            {"label": r.label, "us": r.us, "uk": r.uk, "eu": r.eu, "cn": r.cn, "jp": r.jp}
            for r in rows
        ]
        row = convert(plain, system, value)
        return sentence(row, system, value) if row else False

# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.crossborder_ops_helpdesk.wizards.crossborder_size_converter import SYSTEMS

from ..chain.fit import PLUG_TYPES


class ProductTemplate(models.Model):
    _inherit = "product.template"

    plug_type = fields.Selection(
        [(letter, letter) for letter in PLUG_TYPES],
        help="IEC letter of the product's plug (A, B: North America and Japan; C: the "
        "Europlug; G: UK; I: Australia...). Orders and pre-sales questions for a country "
        "whose sockets do not take it get a warning.",
        string="Plug type",
    )
    voltage_min = fields.Integer(
        string="Voltage from (V)",
        help="Lowest mains voltage the product runs on, e.g. 220 (or 100 for a 100-240 V "
        "charger). Empty: not an electrical product.",
    )
    voltage_max = fields.Integer(
        string="Voltage to (V)",
        help="Highest mains voltage the product runs on, e.g. 240. Empty: the product "
        "runs on one voltage only.",
    )
    size_system = fields.Selection(
        SYSTEMS,
        string="Size system",
        help="The size system the listing's sizes are written in: buyers of countries "
        "that read another one get the conversion.",
    )

    @api.constrains("voltage_min", "voltage_max")
    def _check_voltage(self):
        for template in self:
            if template.voltage_min < 0 or template.voltage_max < 0:
                raise ValidationError(self.env._("A voltage cannot be negative."))
            if template.voltage_max and template.voltage_max < template.voltage_min:
                raise ValidationError(
                    self.env._(
                        "%(product)s: the highest voltage (%(high)s V) is below the lowest "
                        "(%(low)s V).",
                        product=template.display_name,
                        high=template.voltage_max,
                        low=template.voltage_min,
                    )
                )

    def _voltage_label(self):
        self.ensure_one()
        if self.voltage_max and self.voltage_max != self.voltage_min:
            return f"{self.voltage_min}-{self.voltage_max} V"
        return f"{self.voltage_min} V"

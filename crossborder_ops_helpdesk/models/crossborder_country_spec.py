# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CrossborderCountrySpec(models.Model):
    """What an agent must know about a destination: plugs and voltage, customs,
    delivery times (the seed, 001: electrical standards differ between countries;
    agents must know each country's customs rules and logistics)."""

    _name = "crossborder.country.spec"
    _description = "Country specifications for customer service"
    _order = "country_id"
    _rec_name = "country_id"

    country_id = fields.Many2one("res.country", required=True, index=True)
    plug_types = fields.Char(help="IEC plug types, e.g. 'G' or 'C, F'.", string="Plug types")
    voltage = fields.Char(help="Mains voltage, e.g. 230 V.")
    frequency = fields.Char(help="Mains frequency, e.g. 50 Hz.")
    de_minimis_amount = fields.Float(
        string="De minimis",
        help="Value under which imports pay no customs duty (see the note for taxes).",
    )
    de_minimis_currency_id = fields.Many2one("res.currency", string="De minimis currency")
    customs_note = fields.Text(translate=True, string="Customs note")
    customs_documents = fields.Text(string="Typical documents", translate=True)
    delivery_days_min = fields.Integer(string="Delivery from (days)")
    delivery_days_max = fields.Integer(string="Delivery to (days)")
    source = fields.Char(help="Where the values come from, and as of when.")
    summary = fields.Text(compute="_compute_summary")

    _country_uniq = models.Constraint("unique(country_id)", "One specification per country.")

    def _compute_summary(self):
        for spec in self:
            lines = [
                self.env._(
                    "Plug type %(plugs)s, %(voltage)s, %(frequency)s.",
                    plugs=spec.plug_types or "?",
                    voltage=spec.voltage or "?",
                    frequency=spec.frequency or "?",
                ),
                self.env._(
                    "Customs: duty-free below %(amount)s %(currency)s. %(note)s",
                    amount=f"{spec.de_minimis_amount:g}",
                    currency=spec.de_minimis_currency_id.name or "",
                    note=spec.customs_note or "",
                ),
                self.env._(
                    "Typical delivery: %(min)s-%(max)s days.",
                    min=spec.delivery_days_min,
                    max=spec.delivery_days_max,
                ),
            ]
            spec.summary = "\n".join(lines)

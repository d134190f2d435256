# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from odoo.addons.crossborder_ops_helpdesk.wizards.crossborder_size_converter import SYSTEMS

from ..chain.fit import problems


class CrossborderCountrySpec(models.Model):
    _inherit = "crossborder.country.spec"

    size_system = fields.Selection(
        SYSTEMS,
        help="The size system buyers of this country read (the columns of the size "
        "charts): products sized in another system get a warning on orders and "
        "pre-sales questions.",
        string="Size system",
    )

    @api.model
    def _by_country(self, countries):
        """{country id: spec} of ``countries``, in one query."""
        return {
            spec.country_id.id: spec for spec in self.search([("country_id", "in", countries.ids)])
        }

    def _fit_warnings(self, products):
        """One plain sentence per thing of ``products`` (product.product) that does
        not fit this destination: plug, voltage, size system."""
        self.ensure_one()
        country = self.country_id.name
        facts = {
            "plug_types": self.plug_types,
            "voltage": self.voltage,
            "size_system": self.size_system,
        }
        systems = dict(self._fields["size_system"]._description_selection(self.env))
        sentences = []
        for product in products:
            kinds = problems(
                {
                    "plug_type": product.plug_type,
                    "voltage_min": product.voltage_min,
                    "voltage_max": product.voltage_max,
                    "size_system": product.size_system,
                },
                facts,
            )
            for kind in kinds:
                if kind == "plug":
                    sentences.append(
                        self.env._(
                            "%(product)s has a type %(plug)s plug; %(country)s uses type "
                            "%(sockets)s: add an adapter.",
                            product=product.display_name,
                            plug=product.plug_type,
                            country=country,
                            sockets=self.plug_types,
                        )
                    )
                elif kind == "voltage":
                    sentences.append(
                        self.env._(
                            "%(product)s runs on %(rating)s; %(country)s has %(mains)s: it "
                            "needs a voltage converter.",
                            product=product.display_name,
                            rating=product.product_tmpl_id._voltage_label(),
                            country=country,
                            mains=self.voltage,
                        )
                    )
                else:
                    sentences.append(
                        self.env._(
                            "%(product)s is sized in %(system)s sizes; %(country)s uses "
                            "%(wanted)s sizes: give the buyer the conversion.",
                            product=product.display_name,
                            system=systems.get(product.size_system),
                            country=country,
                            wanted=systems.get(self.size_system),
                        )
                    )
        return sentences

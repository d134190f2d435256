# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.crossborder_size_chart import CATEGORIES

SYSTEMS = [("us", "US"), ("uk", "UK"), ("eu", "EU"), ("cn", "CN"), ("jp", "JP")]


class CrossborderSizeConverter(models.TransientModel):
    """Country specs of the buyer's country and a size converter, at the agent's
    hand on the ticket; the answer goes straight into the reply."""

    _name = "crossborder.size.converter"
    _description = "Country specs and size converter"

    ticket_id = fields.Many2one("helpdesk.ticket")
    country_id = fields.Many2one("res.country", string="Buyer country")
    spec_summary = fields.Text(compute="_compute_spec_summary", string="Country specs")
    category = fields.Selection(CATEGORIES, default="men_tops")
    system = fields.Selection(SYSTEMS, string="From", default="cn")
    value = fields.Char(string="Size", help="e.g. 170/88A, M, 42, 260")
    result = fields.Char(compute="_compute_result")
    found = fields.Boolean(compute="_compute_result")

    @api.depends("country_id")
    def _compute_spec_summary(self):
        for wizard in self:
            spec = self.env["crossborder.country.spec"].search(
                [("country_id", "=", wizard.country_id.id)], limit=1
            )
            wizard.spec_summary = (
                spec.summary if spec else self.env._("No specs for this country yet.")
            )

    @api.depends("category", "system", "value")
    def _compute_result(self):
        Chart = self.env["crossborder.size.chart"]
        for wizard in self:
            found = bool(wizard.value) and Chart._convert(
                wizard.category, wizard.system, wizard.value
            )
            wizard.found = bool(found)
            if found:
                wizard.result = found
            elif wizard.value:
                wizard.result = self.env._(
                    "No size %(value)s in the %(system)s chart.",
                    value=wizard.value,
                    system=(wizard.system or "").upper(),
                )
            else:
                wizard.result = False

    def action_insert_size(self):
        self.ensure_one()
        if not self.ticket_id or not self.value:
            raise UserError(self.env._("Enter a size to convert first."))
        if not self.found:
            raise UserError(self.result)
        return self.ticket_id._insert_into_reply(self.result)

    def action_insert_specs(self):
        self.ensure_one()
        if not self.ticket_id:
            raise UserError(
                self.env._("Open the converter from a ticket to insert into its reply.")
            )
        return self.ticket_id._insert_into_reply(self.spec_summary)

# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.exceptions import UserError
from odoo.fields import Domain


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model
    def _pool_guarded_fields(self):
        # "whose quotation (or invoice) is this one?" names the hidden customer of
        # the waiting lead that kept it: only orders and invoices the user may see
        return (*super()._pool_guarded_fields(), "sale_order_ids", "invoice_ids")

    def write(self, vals):
        moving = self.browse()
        if {"parent_id", "is_company", "commercial_partner_id"}.intersection(vals):
            moving = self._pool_moving_buyers(vals)
        result = super().write(vals)  # the pool's own refusals come first
        if moving:
            raise UserError(
                self.env._(
                    "%(contact)s has orders or invoices: in another company they would "
                    "become its purchases. Ask a sales manager to move him.",
                    contact=moving[0].name,
                )
            )
        return result

    def _pool_moving_buyers(self, vals):
        """The contacts ``vals`` moves to another company who have orders or
        invoices, which would follow them (Odoo rewrites even a posted invoice's
        customer): a colleague's sale became the purchase of a sleeping customer
        whose revival the mover held (outside audit 87, H2 and H3). Sales managers
        move them."""
        if self.env.su or self.env.user.has_group("sales_team.group_sale_manager"):
            return self.browse()
        moving = self.sudo().browse([partner.id for partner in self._pool_customers_after(vals)])
        if not moving:
            return moving
        # sudo: whether they bought is counted, nothing is shown but the contact
        bought = self.env["sale.order"].sudo().search_count(
            Domain("partner_id", "child_of", moving.ids) & Domain("state", "!=", "cancel"),
            limit=1,
        ) or self.env["account.move"].sudo().search_count(
            Domain("partner_id", "child_of", moving.ids)
            & Domain("move_type", "in", ("out_invoice", "out_refund"))
            & Domain("state", "=", "posted"),
            limit=1,
        )
        return self.filtered(lambda partner: partner in moving) if bought else self.browse()

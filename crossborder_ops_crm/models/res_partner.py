# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.exceptions import UserError


class ResPartner(models.Model):
    _inherit = "res.partner"

    def write(self, vals):
        if "user_id" in vals:
            self._pool_check_salesperson(vals["user_id"])
        return super().write(vals)

    def _pool_check_salesperson(self, user_id):
        """In a pool working per customer the customer's Salesperson follows
        whoever holds him there (claims, rotation, handovers set it). Setting
        it by hand (the contact form, RPC ``write``) would give a salesperson a
        customer outside the caps: only pool and sales managers may; anyone
        may write the value it already has."""
        Lead = self.env["crm.lead"]
        customer_pools = self.env["crossborder.lead.pool"]._customer_pool_ids()
        if not customer_pools or Lead._pool_is_manager():
            return
        # sudo: who holds the customer is read to refuse, never returned
        customers = self.sudo().filtered(
            lambda partner: partner == partner.commercial_partner_id
            and partner.user_id.id != (user_id or False)
        )
        if not customers:
            return
        held = Lead.sudo()._read_group(
            [
                ("pool_id", "in", list(customer_pools)),
                ("partner_id", "child_of", customers.ids),
                ("won_status", "=", "pending"),
                ("pool_escalated", "=", False),
            ],
            ["partner_id", "user_id", "pool_id"],
        )
        for partner, holder, pool in held:
            customer = partner.commercial_partner_id
            if customer in customers and holder.id != (user_id or False):
                raise UserError(
                    self.env._(
                        "%(customer)s is a customer of the pool %(pool)s: his salesperson "
                        "is whoever holds him there (%(holder)s). Claim him in the pool, or "
                        "ask a pool manager to hand him over.",
                        customer=customer.name,
                        pool=pool.name,
                        holder=holder.name or self.env._("nobody yet"),
                    )
                )

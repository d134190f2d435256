# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.exceptions import UserError
from odoo.fields import Domain

POSITIVE = {"in": False, "any": False, "=": False, "not in": True, "not any": True, "!=": True}


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model
    def _search(self, domain, *args, **kwargs):
        # the customer behind a waiting lead is hidden on the lead: searching
        # contacts by their leads ("whose lead is this one?") finds only the leads
        # whose contact the user may see
        if not (kwargs.get("bypass_access") or self.env["crm.lead"]._pool_sees_contacts()):
            domain = Domain(domain).map_conditions(self._pool_guard_lead_condition)
        return super()._search(domain, *args, **kwargs)

    @api.model
    def _pool_guard_lead_condition(self, condition):
        if condition.field_expr != "opportunity_ids" or condition.operator not in POSITIVE:
            return condition
        operator, value = condition.operator, condition.value
        if operator in ("any", "not any"):
            leads = Domain(value)
        elif value is False or value is None:  # "has leads" / "has no lead"
            leads, operator = Domain.TRUE, ("not any" if operator == "=" else "any")
        else:
            leads = Domain("id", "in", [value] if isinstance(value, int) else value)
        negative = POSITIVE.get(operator, False)
        leads &= self.env["crm.lead"]._pool_unmasked_domain()
        return Domain("opportunity_ids", "not any" if negative else "any", leads)

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

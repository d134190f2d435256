# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import SQL

# contacts' fields that lead to a lead, or to what hangs on it (its meetings)
GUARDED = ("opportunity_ids", "meeting_ids")


class ResPartner(models.Model):
    _inherit = "res.partner"

    pool_email_set_by = fields.Many2one(
        "res.users",
        string="Address set by",
        readonly=True,
        copy=False,
        help="Who last set the contact's e-mail address or company. A salesperson's "
        "e-mails from a contact whose address he set himself are not his customer's.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        setter = self._pool_address_setter()
        vals_list = [
            dict(vals, pool_email_set_by=setter if vals.get("email") else False)
            for vals in vals_list
        ]
        return super().create(vals_list)

    def _pool_address_setter(self):
        """The user who sets an address now (sudo or not): none for the system
        (the mail gateway, a scheduled action)."""
        return self.env.uid != SUPERUSER_ID and self.env.uid

    @api.model
    def _search(self, domain, *args, **kwargs):
        # the customer behind a waiting lead is hidden on the lead: searching
        # contacts by their leads ("whose lead is this one?") or by the lead's
        # meetings finds only the leads whose contact the user may see
        if not (kwargs.get("bypass_access") or self.env["crm.lead"]._pool_sees_contacts()):
            # Odoo's basic optimization first: '=?', '=', '!=', negations and
            # paths become 'in', 'not in', 'any' and 'not any', which are guarded
            domain = Domain(domain).optimize(self).map_conditions(self._pool_guard_lead_condition)
        return super()._search(domain, *args, **kwargs)

    @api.model
    def _pool_guarded_fields(self):
        """The contact's fields that lead to a lead or to what hangs on it, whose
        records hide themselves from the user (their own search says which)."""
        return GUARDED

    @api.model
    def _pool_guard_lead_condition(self, condition):
        """An optimized condition on a contact's leads (or meetings) that may
        match only leads whose contact the user sees (meetings: that he may
        read, see calendar.event)."""
        field = condition.field_expr
        if field not in self._pool_guarded_fields() or condition.operator in ("any!", "not any!"):
            return condition  # any!: server code only, a client cannot send it
        operator, value = condition.operator, condition.value
        if operator not in ("in", "not in", "any", "not any"):
            raise UserError(
                self.env._(
                    "Contacts cannot be searched by %(field)s with the operator %(operator)s.",
                    field=self._fields[field]._description_string(self.env),
                    operator=operator,
                )
            )
        visible = (
            self.env["crm.lead"]._pool_unmasked_domain()
            if field == "opportunity_ids"
            # the meetings, quotations and invoices of masked leads: their own
            # search leaves them out (crossborder.hidden.records.mixin)
            else Domain.TRUE
        )
        if operator in ("any", "not any"):
            return Domain(field, operator, Domain(value) & visible)
        ids = [v for v in value if v is not False]
        found = Domain(field, "any", Domain("id", "in", ids) & visible) if ids else Domain.FALSE
        if False in value:  # "has no lead": none that he may see
            found |= Domain(field, "not any", visible)
        return found if operator == "in" else ~found

    def _pool_lock(self):
        """Serialize what gives these customers a salesperson in a pool working
        per customer (a lead made for him, a lead moved to him, a quotation):
        each checks the customer's other leads, and a lead made at the same
        time is not among them yet. Updating the customer's row makes the
        second transaction fail to serialize, and Odoo retries it, which then
        sees the first one's lead (a lock alone would not: its snapshot is
        older). Rows are taken in id order, so two of them never deadlock."""
        if self:
            self.env.cr.execute(
                SQL(
                    """
                    UPDATE res_partner SET write_date = write_date
                     WHERE id IN (SELECT id FROM res_partner WHERE id IN %s
                                  ORDER BY id FOR NO KEY UPDATE)
                    """,
                    tuple(self.ids),
                ),
                log_exceptions=False,  # a conflict here is expected: retried
            )

    def write(self, vals):
        if {"email", "parent_id"} & set(vals):
            vals = dict(vals, pool_email_set_by=self._pool_address_setter())
        elif "pool_email_set_by" in vals and not self.env.su:
            vals = {key: value for key, value in vals.items() if key != "pool_email_set_by"}
        if "user_id" in vals:
            self._pool_check_salesperson(vals["user_id"])
        if {"parent_id", "is_company", "commercial_partner_id"}.intersection(vals):
            self._pool_check_customer_move(vals)
        if "active" in vals:
            # archived, a colleague's customer (or one waiting in the pool) lost
            # the contacts of his leads, orders and invoices (outside audits 18, 19)
            self.env["crm.lead"]._pool_check_customer_work(self, work="contact")
        result = super().write(vals)
        if "commercial_partner_id" in vals and not self.env.su:
            self._pool_check_commercial_entity()
        return result

    def _pool_check_commercial_entity(self):
        """A contact's customer (its commercial entity) is its company's, or
        itself: Odoo computes it, and the pool counts, masks and refuses by it.
        Written by hand (RPC, import), it put a contact under another customer
        than his company: a colleague's contact under one's own customer, or
        one's customers counted as one."""
        # sudo: the contacts' companies are compared, not shown
        for partner in self.sudo():
            company = partner.parent_id.commercial_partner_id
            if partner.commercial_partner_id != (
                partner if partner.is_company or not company else company
            ):
                raise UserError(
                    self.env._(
                        "The customer of %(contact)s is the company he works for: set his "
                        "Company instead.",
                        contact=partner.name,
                    )
                )

    def _pool_customers_after(self, vals):
        """{contact (sudo): the customer he joins} of the contacts whose customer
        (commercial entity) ``vals`` changes: another company, or himself."""
        partners = self.sudo()  # who the contacts' customers are is read to refuse
        parent = partners.browse(vals.get("parent_id"))

        def customer_after(partner):
            if "commercial_partner_id" in vals:  # refused after the write if forged
                return partners.browse(vals["commercial_partner_id"])
            is_company = vals.get("is_company", partner.is_company)
            new_parent = parent if "parent_id" in vals else partner.parent_id
            if is_company or not new_parent:
                return partner
            return new_parent.commercial_partner_id

        joined = {partner: customer_after(partner) for partner in partners}
        return {
            partner: customer
            for partner, customer in joined.items()
            if customer != partner.commercial_partner_id
        }

    def _pool_check_customer_move(self, vals):
        """In a pool working per customer, a contact's company is the customer
        of his leads. Moving the contact to another company (or making him a
        company of his own) moves his open leads to another customer, past the
        rules the leads' Customer field obeys (a customer held by a colleague
        or waiting in the pool, the private cap counting customers): a
        salesperson moves the leads themselves; pool and sales managers may
        move the contact."""
        Lead = self.env["crm.lead"]
        customer_pools = self.env["crossborder.lead.pool"]._customer_pool_ids()
        if not customer_pools or Lead._pool_is_manager():
            return
        joined = self._pool_customers_after(vals)
        if not joined:
            return
        moving = self.sudo().browse([partner.id for partner in joined])
        # the customer a contact leaves and the one he joins are work on both, as
        # a quotation for them is: a colleague's customer or one waiting in the
        # pool is not given or taken a contact (whose orders and invoices follow)
        Lead._pool_check_customer_work(
            moving.commercial_partner_id | moving.browse().union(*joined.values()),
            work="contact",
        )
        # sudo: the leads of these contacts, whoever holds them; only the pool
        # and the contact are named
        domain = [
            ("pool_id", "in", list(customer_pools)),
            ("partner_id", "child_of", moving.ids),
            ("partner_id.commercial_partner_id", "in", moving.commercial_partner_id.ids),
        ]
        lead = Lead.sudo().search([*domain, ("won_status", "=", "pending")], limit=1)
        if lead:
            raise UserError(
                self.env._(
                    "%(contact)s is the contact of open leads in the pool %(pool)s, which "
                    "works per customer: another company would move them to another "
                    "customer. Change the Customer of the leads instead, or ask a pool "
                    "manager.",
                    contact=lead.partner_id.name,
                    pool=lead.pool_id.name,
                )
            )
        # won or lost ones (lost ones archived) keep the customer they were won or
        # lost with: restored or reopened under another, one customer fewer counted
        lead = Lead.sudo().with_context(active_test=False).search(domain, limit=1)
        if lead:
            raise UserError(
                self.env._(
                    "%(contact)s is the contact of won or lost leads in the pool %(pool)s, "
                    "which works per customer: they keep the customer they were won or lost "
                    "with. Ask a pool manager to move him.",
                    contact=lead.partner_id.name,
                    pool=lead.pool_id.name,
                )
            )

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
                ("partner_id.commercial_partner_id", "in", customers.ids),
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

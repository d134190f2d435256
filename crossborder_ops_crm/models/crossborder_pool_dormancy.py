# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Dormant customers: the scan that opens one revival lead per sleeping customer
in his pool, and closes it as won when he buys again.

A purchase is whatever the database records: a won lead, a confirmed sale
order (when Sales is installed) or a posted customer invoice (when Invoicing is);
a lead made and won after the customer's revival opened does not close it.
The scan orchestrates: crossborder.pool.store reads the purchases and customers
(SQL), planners/dormancy.py decides who is dormant or bought again, and this
model writes the revival leads and closes the won ones with the ORM.
"""

from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import format_date, format_datetime

from ..planners.dormancy import Customer, dormant, revivals_won
from .crossborder_pool_mover import POOL_MOVE

NOTES_PER_CUSTOMER = 5  # notes of earlier owners copied into a revival lead


class CrossborderPoolDormancy(models.AbstractModel):
    _name = "crossborder.pool.dormancy"
    _description = "High-seas pool: dormant customers"

    # ------------------------------------------------------------------
    # the scan
    # ------------------------------------------------------------------
    @api.model
    def _scan(self, pool, now=None, limit=2000):
        """Open revival leads for the pool's dormant customers (at most
        ``limit``) and close open revivals whose customer bought again.
        Returns (opened, won, left) - ``left``: dormant customers for a next batch."""
        now = now or fields.Datetime.now()
        # one scan of the pool at a time: a dormant customer gets one revival lead
        pool._lock_dormancy_scan()
        won = self._close_revivals(pool, now)
        if not pool.dormancy_days:
            return 0, won, 0
        store = self.env["crossborder.pool.store"]
        last = store._last_purchases(pool)
        partner_ids = list(last)
        worked = store._worked_customers(pool, partner_ids)
        revived = store._revived(pool, partner_ids)
        customers = [
            Customer(partner_id, bought, partner_id in worked)
            for partner_id, (bought, *_rest) in last.items()
        ]
        due = dormant(customers, now, pool.dormancy_days, revived)
        todo = due[:limit]
        if todo:
            self._open_revivals(pool, todo, last, now)
        return len(todo), won, len(due) - len(todo)

    def _open_revivals(self, pool, customers, last, now):
        partners = self.env["res.partner"].browse([c.partner_id for c in customers])
        history = self._histories(pool, partners, last)
        Lead = (
            self.env["crm.lead"]
            .sudo()
            .with_context(  # the pool's own leads
                mail_create_nosubscribe=True, mail_create_nolog=True, **{POOL_MOVE: True}
            )
        )
        reserve = now + timedelta(days=pool.reserve_days) if pool.reserve_days else False
        leads = Lead.create(
            [
                {
                    "name": self.env._("Revive %(customer)s", customer=partner.name),
                    "type": "opportunity",
                    "partner_id": partner.id,
                    "team_id": pool.team_id.id or False,
                    "country_id": partner.country_id.id or False,
                    "company_id": pool.company_id.id,
                    "user_id": False,
                    "expected_revenue": last[partner.id][1] or 0.0,
                    "description": history[partner.id],
                    "revival_last_purchase": last[partner.id][0],
                    "reserved_until": reserve,
                    "pool_entry_date": now,
                }
                for partner in partners
            ]
        )
        self.env["crossborder.pool.event"].sudo().create(  # audit rows are system-owned
            [
                {
                    "date": now,
                    "lead_id": lead.id,
                    "pool_id": pool.id,
                    "kind": "revival",
                    # whom and which purchase it revives, kept when the lead is
                    # merged away or deleted: nobody revives it twice
                    "customer_id": lead.partner_id.commercial_partner_id.id,
                    "rule": self.env["crossborder.pool.event"]._rule_code(
                        "revival",
                        days=pool.dormancy_days,
                        date=fields.Date.to_string(lead.revival_last_purchase.date()),
                        bought=fields.Datetime.to_string(lead.revival_last_purchase),
                    ),
                }
                for lead in leads
            ]
        )
        return leads

    def _histories(self, pool, partners, last):
        """What the next salesperson needs: the last purchase, what it held and
        the notes earlier owners wrote on the customer's leads."""
        store = self.env["crossborder.pool.store"]
        lines_by_order = {}
        orders = [ref for (_b, _a, source, ref) in last.values() if source == "order"]
        if orders and "sale.order.line" in self.env:
            for line in (
                self.env["sale.order.line"]
                .sudo()
                .search_fetch(
                    [("order_id", "in", orders), ("display_type", "=", False)],
                    ["order_id", "name", "product_uom_qty"],
                )
            ):
                lines_by_order.setdefault(line.order_id.id, []).append(line)
        notes = (
            self.env["mail.message"]
            .sudo()
            .search_fetch(
                [
                    ("model", "=", "crm.lead"),
                    ("res_id", "in", store._customer_lead_ids(pool, partners)),
                    ("message_type", "=", "comment"),
                    ("subtype_id", "=", self.env.ref("mail.mt_note").id),
                ],
                ["res_id", "author_id", "date", "body"],
                order="date desc",
            )
        )
        lead_partner = {
            lead.id: lead.partner_id.commercial_partner_id.id
            for lead in self.env["crm.lead"].sudo().browse({n.res_id for n in notes})
        }
        notes_by_partner = {}
        for note in notes:
            notes_by_partner.setdefault(lead_partner.get(note.res_id), []).append(note)
        sources = {
            "lead": self.env._("won opportunity"),
            "order": self.env._("sales order"),
            "invoice": self.env._("invoice"),
        }
        currency = pool.company_id.currency_id
        result = {}
        for partner in partners:
            bought, amount, source, ref = last[partner.id]
            parts = [
                Markup("<p><b>%s</b></p>") % self.env._("Sleeping customer"),
                Markup("<p>%s</p>")
                % self.env._(
                    "Last purchase: %(date)s, %(amount)s %(currency)s (%(kind)s %(ref)s).",
                    date=format_date(self.env, bought),
                    amount=f"{amount:,.2f}",
                    currency=currency.name,
                    kind=sources[source],
                    ref=self._reference(source, ref),
                ),
            ]
            lines = lines_by_order.get(ref) if source == "order" else None
            if lines:
                parts.append(
                    Markup("<p>%s</p><ul>%s</ul>")
                    % (
                        self.env._("What he bought:"),
                        Markup("").join(
                            Markup("<li>%s × %s</li>") % (f"{line.product_uom_qty:g}", line.name)
                            for line in lines
                        ),
                    )
                )
            earlier = notes_by_partner.get(partner.id, [])[:NOTES_PER_CUSTOMER]
            if earlier:
                parts.append(
                    Markup("<p>%s</p><ul>%s</ul>")
                    % (
                        self.env._("Notes of earlier salespeople:"),
                        Markup("").join(
                            Markup("<li>%s, %s: %s</li>")
                            % (
                                note.author_id.name or "",
                                format_datetime(self.env, note.date, dt_format="short"),
                                note.body,
                            )
                            for note in earlier
                        ),
                    )
                )
            result[partner.id] = Markup("").join(parts)
        return result

    def _reference(self, source, ref_id):
        model = {"lead": "crm.lead", "order": "sale.order", "invoice": "account.move"}[source]
        return self.env[model].sudo().browse(ref_id).display_name or ""

    # ------------------------------------------------------------------
    def _close_revivals(self, pool, now):
        """Open revival leads whose customer bought again (after the purchase
        they revive, and not by a lead made and won since the revival opened):
        won, their first win credited to the salesperson who held them when the
        customer bought, for what he bought. One who claimed the revival (or was
        handed it) after that revived nobody (outside audit 80, H1 and H2)."""
        Lead = self.env["crm.lead"].sudo()
        open_revivals = Lead.search_fetch(
            [
                ("pool_id", "=", pool.id),
                ("revival_last_purchase", "!=", False),
                ("won_status", "=", "pending"),
            ],
            ["partner_id", "revival_last_purchase", "user_id"],
        )
        if not open_revivals:
            return 0
        # whom each revives: the customer its audit row names, not whoever its
        # contact is now (re-pointed, it won a colleague's sale: outside audit 85, H2)
        customer = self.env["crossborder.pool.event"]._revival_customers(open_revivals)
        revived = {}
        for lead in open_revivals:
            partner = customer[lead.id]
            revived[partner] = min(
                revived.get(partner, lead.revival_last_purchase), lead.revival_last_purchase
            )
        # the purchase that revived him: his first since, not his last
        last = self.env["crossborder.pool.store"]._last_purchases(
            pool, list(revived), closing=True, after=revived
        )
        purchases = {partner: values[0] for partner, values in last.items()}
        closed = revivals_won(
            [(lead.id, customer[lead.id], lead.revival_last_purchase) for lead in open_revivals],
            purchases,
        )
        if not closed:
            return 0
        won = Lead.browse([lead_id for lead_id, _date in closed]).with_context(**{POOL_MOVE: True})
        by_lead = dict(closed)
        holders = self.env["crossborder.pool.event"]._holders_at(won, by_lead)
        for lead_id, bought in closed:
            if bought > now:  # dated ahead (an invoice): won now, revived by nobody
                holders[lead_id], by_lead[lead_id] = False, now
        bodies, amounts = {}, {}
        for lead in won:
            bought, amount, source, ref = last[customer[lead.id]]
            amounts[lead.id] = amount
            reviver = self.env["res.users"].browse(holders[lead.id])
            bodies[lead.id] = self.env._(
                "%(customer)s bought again on %(date)s (%(reference)s, %(amount)s): "
                "revived by %(salesperson)s.",
                customer=self.env["res.partner"].browse(customer[lead.id]).name,
                date=format_date(self.env, by_lead[lead.id]),
                reference=self._reference(source, ref),
                amount=f"{amount:,.2f}",
                salesperson=reviver.name
                or self.env._("nobody (no salesperson held the lead when the customer bought)"),
            )
        won._message_log_batch(bodies)
        # the revival is worth what the customer bought
        for amount, leads in won.grouped(lambda lead: amounts[lead.id]).items():
            leads.expected_revenue = amount
        won.action_set_won()
        # won when he bought, not on the night the scan saw it (his dormancy runs
        # from his purchase, however the purchase is read), by whoever held it then
        first_wins = won.grouped(lambda lead: (by_lead[lead.id], holders[lead.id]))
        for (bought, holder), leads in first_wins.items():
            for amount, same in leads.grouped(lambda lead: amounts[lead.id]).items():
                same.write(
                    {
                        "date_closed": bought,
                        "pool_first_won": bought,
                        "pool_won_revenue": amount,
                        "pool_first_won_user_id": holder,
                    }
                )
        return len(won)

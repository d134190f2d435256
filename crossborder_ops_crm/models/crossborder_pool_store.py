# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

import pytz

from odoo import api, models
from odoo.tools import SQL

from ..planners import eligibility
from ..planners.recycling import HeldLead, protection_end
from ..planners.rotation import Candidate, PoolLead
from .crm_team_member import utc_hours

CUSTOMER_HOURS = (9.0, 18.0)  # business hours assumed for customers, local time


class CrossborderPoolStore(models.AbstractModel):
    """The pool's SQL: set-based reads and locks of a pool's leads, members and
    customers, turned into the plain data the planners take (planners/: HeldLead,
    PoolLead, Candidate ...), in one query each, the rows locked (SKIP LOCKED,
    try_lock_for_update) where the caller is going to move them.

    What belongs here: gathering what a pool's run works on (the held leads due for
    recycling, each owner's held leads for the give-back, the waiting leads and the
    candidates of a rotation, recent give-backs), the pool's customers (the open
    leads of its customers, the customer of each lead), what the dormancy scan reads
    (each customer's last purchase over won leads, sale orders and invoices, the
    customers being worked or already revived, a customer's leads) and the locks
    that go with it. What does not: rules, which live in planners/ (who may take
    what, when a lead goes back, who gets which lead); the decisions that use them
    (crossborder.lead.pool orchestrates a run: store → planner → mover, and
    crossborder.pool.dormancy the dormancy scan); the writes that apply them
    (crossborder.pool.mover, the revival leads of the scan); a salesperson's lock
    and counters against his caps (crm.team.member: _pool_lock, _pool_caps,
    _pool_unit_counts, _pool_results); and a lead's own behaviour (claim, masking,
    write guards), which stays on crm.lead. The methods take the pool (or the ids they
    read) as an argument and are bound to no record."""

    _name = "crossborder.pool.store"
    _description = "High-seas pool: data gathering and locks"

    # ------------------------------------------------------------------
    # data gathering for the planners (one query each, rows locked)
    # ------------------------------------------------------------------
    @api.model
    def _held_leads(self, pool, now, limit=None, due_only=False, count_only=False):
        """Private leads of ``pool`` that are due for recycling or a warning:
        {"leads": [HeldLead], "busy": count of those another transaction holds}."""
        if pool.id in pool._customer_pool_ids():
            return self._held_units(pool, now, limit, due_only, count_only)
        self.env["crm.lead"].flush_model()
        today = now.date()
        followup = now - timedelta(days=pool.followup_days)
        conversion = now - timedelta(days=pool.conversion_days)
        warn_followup = followup + timedelta(days=pool.warn_days)
        warn_conversion = conversion + timedelta(days=pool.warn_days)
        progress = SQL("coalesce(l.last_progress_date, l.date_open, l.create_date)")
        opened = SQL("coalesce(l.date_open, l.create_date)")
        where = SQL(
            """
            l.pool_id = %(pool)s AND l.user_id IS NOT NULL AND l.active
            AND l.won_status = 'pending' AND NOT coalesce(l.pool_escalated, false)
            AND (l.protected_until IS NULL OR l.protected_until < %(today)s)
            AND NOT coalesce(l.pool_key_account, false)
            AND (%(progress)s <= %(followup)s OR %(opened)s <= %(conversion)s
                 OR (NOT coalesce(l.recycle_warned, false) AND %(warn)s
                     AND (%(progress)s <= %(warn_followup)s OR %(opened)s <= %(warn_conversion)s)))
            """,
            pool=pool.id,
            today=today,
            progress=progress,
            opened=opened,
            followup=followup,
            conversion=conversion,
            warn=not due_only and pool.warn_days > 0,
            warn_followup=warn_followup,
            warn_conversion=warn_conversion,
        )
        total = self.env.execute_query(SQL("SELECT count(*) FROM crm_lead l WHERE %s", where))[0][0]
        if count_only:
            return total
        rows = self.env.execute_query(
            SQL(
                """
                SELECT l.id, l.user_id, %(progress)s, %(opened)s, coalesce(l.recycle_count, 0),
                       coalesce(l.recycle_warned, false), l.protected_until
                  FROM crm_lead l
                 WHERE %(where)s
              ORDER BY l.id
                 LIMIT %(limit)s
                   FOR NO KEY UPDATE OF l SKIP LOCKED
                """,
                progress=progress,
                opened=opened,
                where=where,
                limit=limit,
            )
        )
        wanted = total if limit is None else min(total, limit)
        return {
            "leads": [
                HeldLead(
                    lead_id, owner, pool.id, last, opened_at, count, protection_end(day), warned
                )
                for lead_id, owner, last, opened_at, count, warned, day in rows
            ],
            "busy": max(wanted - len(rows), 0),
        }

    @api.model
    def _held_units(self, pool, now, limit=None, due_only=False, count_only=False):
        """``_held_leads`` of a pool working per customer: one HeldLead per
        customer an owner holds there, headed by his first lead, whose clocks
        are those of his freshest lead (the customer is followed up when any of
        his leads is) and which none of his leads protects (protection, key
        account). Adds "units": {head: [lead ids]}; a customer one of whose
        leads another transaction holds is left whole for the next run."""
        self.env["crm.lead"].flush_model()
        self.env["res.partner"].flush_model(["commercial_partner_id"])
        followup = now - timedelta(days=pool.followup_days)
        conversion = now - timedelta(days=pool.conversion_days)
        units = SQL(
            """
            SELECT min(l.id) AS head, l.user_id, array_agg(l.id ORDER BY l.id) AS ids,
                   max(coalesce(l.last_progress_date, l.date_open, l.create_date)) AS progress,
                   max(coalesce(l.date_open, l.create_date)) AS opened,
                   max(coalesce(l.recycle_count, 0)) AS recycles,
                   bool_and(coalesce(l.recycle_warned, false)) AS warned,
                   max(l.protected_until) AS protected
              FROM crm_lead l
         LEFT JOIN res_partner p ON p.id = l.partner_id
             WHERE l.pool_id = %(pool)s AND l.user_id IS NOT NULL AND l.active
               AND l.won_status = 'pending' AND NOT coalesce(l.pool_escalated, false)
          GROUP BY l.user_id, coalesce(p.commercial_partner_id, -l.id)
            HAVING NOT bool_or((l.protected_until IS NOT NULL AND l.protected_until >= %(today)s)
                               OR coalesce(l.pool_key_account, false))
               AND (max(coalesce(l.last_progress_date, l.date_open, l.create_date)) <= %(followup)s
                    OR max(coalesce(l.date_open, l.create_date)) <= %(conversion)s
                    OR (NOT bool_and(coalesce(l.recycle_warned, false)) AND %(warn)s
                        AND (max(coalesce(l.last_progress_date, l.date_open, l.create_date))
                                 <= %(warn_followup)s
                             OR max(coalesce(l.date_open, l.create_date)) <= %(warn_conversion)s)))
            """,
            pool=pool.id,
            today=now.date(),
            followup=followup,
            conversion=conversion,
            warn=not due_only and pool.warn_days > 0,
            warn_followup=followup + timedelta(days=pool.warn_days),
            warn_conversion=conversion + timedelta(days=pool.warn_days),
        )
        if count_only:
            return self.env.execute_query(SQL("SELECT count(*) FROM (%s) u", units))[0][0]
        rows = self.env.execute_query(
            SQL(
                """
                SELECT head, user_id, ids, progress, opened, recycles, warned, protected
                  FROM (%s) u ORDER BY head LIMIT %s
                """,
                units,
                limit,
            )
        )
        wanted = self.env["crm.lead"].sudo().browse([lead for row in rows for lead in row[2]])
        locked = set(wanted.try_lock_for_update(allow_referencing=True).ids)
        held, unit_ids, busy = [], {}, 0
        for head, owner, ids, last, opened, count, warned, day in rows:
            if not locked.issuperset(ids):
                busy += 1  # the whole customer waits for the next run
                continue
            unit_ids[head] = ids
            held.append(
                HeldLead(head, owner, pool.id, last, opened, count, protection_end(day), warned)
            )
        return {"leads": held, "busy": busy, "units": unit_ids}

    @api.model
    def _held_by_owner(self, keys):
        """{(user_id, team_id): [HeldLead]} of the open private pool leads of these
        members in their team, over all the team's pools: the give-back counts
        what the claim check counts."""
        if not keys:
            return {}
        self.env["crm.lead"].flush_model()
        user_ids = tuple({user for user, _team in keys})
        rows = self.env.execute_query(
            SQL(
                """
                SELECT l.id, l.user_id, l.team_id, l.pool_id,
                       coalesce(l.last_progress_date, l.date_open, l.create_date),
                       coalesce(l.date_open, l.create_date), l.protected_until
                  FROM crm_lead l
                 WHERE l.user_id IN %(users)s AND l.active AND l.won_status = 'pending'
                   AND NOT coalesce(l.pool_escalated, false)
                   AND NOT coalesce(l.pool_key_account, false)
                   AND l.pool_id IS NOT NULL
                """,
                users=user_ids,
            )
        )
        result = {}
        for lead_id, user, team, pool_id, last, opened, protected in rows:
            if (user, team) in keys:
                result.setdefault((user, team), []).append(
                    HeldLead(lead_id, user, pool_id, last, opened, 0, protection_end(protected))
                )
        return result

    @api.model
    def _rotation_input(self, pool, now, limit, lock=True):
        """Plain data for the rotation planner: waiting leads and candidates.

        With ``lock``, the candidates' counters are locked first, as a claim locks
        them (and in the same order: salespeople, then leads), so that a claim
        racing the rotation cannot push anyone above a cap: whichever comes
        second waits, fails to serialize and is retried with fresh counts.
        Without it (the preview), nothing stays locked: the rows another
        transaction holds are counted in a savepoint rolled back at once.
        """
        self.env["crm.lead"].flush_model()
        members = self.env["crm.team.member"].sudo().search(pool._member_domain())
        if lock:
            members._pool_lock()
        waiting = SQL(
            """
            l.pool_id = %(pool)s AND l.user_id IS NULL AND l.active
            AND l.won_status = 'pending' AND NOT coalesce(l.pool_escalated, false)
            AND NOT EXISTS (
                SELECT 1 FROM crossborder_pool_event h
                 WHERE h.lead_id = l.id AND h.kind = 'hold_back' AND h.date > %(held_since)s
                   -- its own draw: a kept-back lead merged into it holds nothing back
                   AND %(own)s)
            """,
            own=self.env["crossborder.pool.event"]._own_move_sql("h"),
            pool=pool.id,
            held_since=now - timedelta(days=pool.holdback_days or 0),
        )
        query = SQL(
            """
            SELECT l.id, l.country_id, lang.code, p.tz, c.code, l.last_owner_id, l.reserved_until,
                   coalesce(l.prorated_revenue, 0.0)
              FROM crm_lead l
         LEFT JOIN res_lang lang ON lang.id = l.lang_id
         LEFT JOIN res_partner p ON p.id = l.partner_id
         LEFT JOIN res_country c ON c.id = l.country_id
             WHERE %(waiting)s
          ORDER BY l.pool_entry_date NULLS FIRST, l.id
             LIMIT %(limit)s
               FOR NO KEY UPDATE OF l SKIP LOCKED
            """,
            waiting=waiting,
            limit=limit,
        )
        total = self.env.execute_query(
            SQL(
                "SELECT count(*) FROM (SELECT 1 FROM crm_lead l WHERE %s LIMIT %s) t",
                waiting,
                limit,
            )
        )[0][0]
        if lock:
            rows = self.env.execute_query(query)
        else:
            with self.env.cr.savepoint(flush=False) as savepoint:
                rows = self.env.execute_query(query)
                savepoint.rollback()  # and the row locks taken after it
        busy = max(total - len(rows), 0)
        given_back = self._given_back([row[0] for row in rows], now)
        hours_by_tz = {}
        hours_by_customer = {}

        def customer_hours(tz_name, country_code):
            key = (tz_name, country_code)
            if key not in hours_by_customer:
                if not tz_name and country_code:
                    zones = pytz.country_timezones.get(country_code.upper())
                    tz_name = zones[0] if zones else None
                if tz_name and tz_name not in hours_by_tz:
                    hours_by_tz[tz_name] = utc_hours(tz_name, *CUSTOMER_HOURS, day=now.date())
                hours_by_customer[key] = hours_by_tz.get(tz_name)
            return hours_by_customer[key]

        leads = [
            PoolLead(
                lead_id,
                country_id,
                lang,
                customer_hours(tz, country_code),
                last_owner,
                reserved,
                given_back.get(lead_id, ()),
                value,
            )
            for lead_id, country_id, lang, tz, country_code, last_owner, reserved, value in rows
        ]
        units = {}
        if pool.id in pool._customer_pool_ids():
            leads, units, unit_busy = self._rotation_units(pool, leads, now, lock)
            busy += unit_busy
        tiers = pool._rotation_tiers()
        stats = members._pool_caps(now)
        results = (
            members.sudo()._pool_results(now, every_member=True)
            if pool.rotation_prefers_results
            else {}
        )
        candidates, team_by_user, tier_by_user = [], {}, {}
        for (user_id, team_id), stat in stats.items():
            member = stat["member"]
            if stat["tier"] not in tiers or user_id in team_by_user:
                continue
            team_by_user[user_id] = team_id
            tier_by_user[user_id] = stat["tier"].id or None
            taker = stat["taker"]
            candidates.append(
                Candidate(
                    user_id=user_id,
                    # rotated leads are not claims: a salesperson who used his
                    # claims still gets his turn (he got none, and the run said even)
                    capacity=eligibility.room(taker, from_pool=False),
                    held=stat["held"],
                    country_ids=taker.country_ids,
                    langs=frozenset(member.lang_ids.mapped("code")),
                    utc_hours=member._utc_hours(),
                    is_new=stat["is_new"],
                    conversion=results.get((user_id, team_id), (None,))[0],
                )
            )
        return {
            "leads": leads,
            "candidates": candidates,
            "team_by_user": team_by_user,
            "tier_by_user": tier_by_user,
            "busy": busy,
            "units": units,
        }

    @api.model
    def _rotation_units(self, pool, leads, now, lock=True):
        """A pool working per customer rotates customers: (unit leads, units, busy).

        Each customer of the gathered waiting leads becomes one PoolLead headed
        by his first lead in pool order, worth the sum of his waiting leads,
        carrying every give-back and the latest reservation of any of them;
        ``units``: {head lead id: [every waiting lead of the customer]}. The
        customer's other waiting leads are locked too (``try_lock_for_update``);
        a customer one of whose leads another transaction holds is left for the
        next run and counted busy, and one that a salesperson holds some of his
        leads of is left alone (new leads join their customer's owner)."""
        from ..planners.customers import UnitLead, group_units

        gathered = {lead.lead_id: lead for lead in leads}
        if not gathered:
            return leads, {}, 0
        rows = self.env.execute_query(
            SQL(
                """
                SELECT l.id, p.commercial_partner_id, l.user_id, coalesce(l.prorated_revenue, 0.0),
                       l.reserved_until
                  FROM crm_lead l
                  JOIN res_partner p ON p.id = l.partner_id
                 WHERE l.pool_id = %(pool)s AND l.active AND l.won_status = 'pending'
                   AND NOT coalesce(l.pool_escalated, false)
                   AND p.commercial_partner_id IN (
                       SELECT sp.commercial_partner_id
                         FROM crm_lead s JOIN res_partner sp ON sp.id = s.partner_id
                        WHERE s.id = ANY(%(ids)s::int[]))
              ORDER BY l.id
                """,
                pool=pool.id,
                ids="{%s}" % ",".join(map(str, gathered)),
            )
        )
        customer_of = {row[0]: row[1] for row in rows}
        held = {row[1] for row in rows if row[2]}
        siblings = [row for row in rows if not row[2] and row[0] not in gathered]
        busy_customers = set()
        if siblings:
            wanted = self.env["crm.lead"].sudo().browse([row[0] for row in siblings])
            if lock:
                locked = set(wanted.try_lock_for_update(allow_referencing=True).ids)
            else:
                with self.env.cr.savepoint(flush=False) as savepoint:
                    locked = set(wanted.try_lock_for_update(allow_referencing=True).ids)
                    savepoint.rollback()  # the preview locks nothing
            busy_customers = {row[1] for row in siblings if row[0] not in locked}
        extra_value, extra_reserved = {}, {}
        for _lead_id, customer, _user, value, reserved in siblings:
            extra_value[customer] = extra_value.get(customer, 0.0) + value
            if reserved:
                extra_reserved[customer] = max(extra_reserved.get(customer, reserved), reserved)
        given_back = self._given_back([row[0] for row in siblings], now)
        extra_given = {}
        for lead_id, customer, *_rest in siblings:
            extra_given.setdefault(customer, set()).update(given_back.get(lead_id, ()))
        # units in pool order: the gathered leads first, then the customer's others
        order = [
            UnitLead(lead.lead_id, customer_of.get(lead.lead_id))
            for lead in leads
            if customer_of.get(lead.lead_id) not in held | busy_customers
        ]
        order += [
            UnitLead(row[0], row[1]) for row in siblings if row[1] not in held | busy_customers
        ]
        units = {lead_ids[0]: lead_ids for lead_ids in group_units(order).values()}
        busy = sum(1 for lead in leads if customer_of.get(lead.lead_id) in busy_customers)
        result = []
        for head, lead_ids in units.items():
            lead = gathered.get(head)
            if lead is None:  # a unit is headed by a gathered lead
                continue
            customer = customer_of.get(head)
            if customer is None or len(lead_ids) == 1:
                result.append(lead)
                continue
            members = [gathered[i] for i in lead_ids if i in gathered]
            reserved = [m.reserved_until for m in members if m.reserved_until]
            if customer in extra_reserved:
                reserved.append(extra_reserved[customer])
            result.append(
                lead._replace(
                    value=sum(m.value for m in members) + extra_value.get(customer, 0.0),
                    reserved_until=max(reserved) if reserved else None,
                    given_back=tuple(
                        sorted(
                            {g for m in members for g in m.given_back}
                            | extra_given.get(customer, set())
                        )
                    ),
                )
            )
        return result, units, busy

    @api.model
    def _given_back(self, lead_ids, now, user=None):
        """{lead_id: ((user_id, last give-back), ...)} inside each lead's pool
        cool-down (of ``user`` only, when given): the one rule of who gave a lead
        back, for a claim, the Claim button and the rotation. Whoever released it,
        whose lead was recycled or given back over his cap; and whoever passed it
        on to the colleague who gave it back, within the cool-down before that: a
        lead passed, released by the colleague and claimed straight back escaped
        the cool-down, its recycling and its reservation for new salespeople."""
        if not lead_ids:
            return {}
        self.env["crossborder.pool.event"].flush_model()
        rows = self.env.execute_query(
            SQL(
                """
                SELECT e.lead_id, g.user_id, max(e.date)
                  FROM crossborder_pool_event e
                  JOIN crm_lead l ON l.id = e.lead_id
                  JOIN crossborder_lead_pool p ON p.id = l.pool_id
                 CROSS JOIN LATERAL (
                        SELECT e.from_user_id
                         UNION
                        SELECT q.from_user_id
                          FROM crossborder_pool_event q
                         WHERE q.lead_id = e.lead_id AND q.kind = 'pass'
                           AND q.date <= e.date
                           AND q.date > e.date - make_interval(days => p.cooldown_days)
                       ) g(user_id)
                 WHERE e.lead_id = ANY(%(leads)s::int[])
                   AND e.kind IN ('release', 'recycle', 'over_cap')
                   AND p.cooldown_days > 0
                   AND e.date > %(now)s - make_interval(days => p.cooldown_days)
                   AND g.user_id IS NOT NULL
                   AND (%(user)s IS NULL OR g.user_id = %(user)s)
              GROUP BY e.lead_id, g.user_id
              ORDER BY e.lead_id, g.user_id
                """,
                leads="{%s}" % ",".join(map(str, lead_ids)),
                now=now,
                user=user.id if user else None,
            )
        )
        result = {}
        for lead_id, user_id, date in rows:
            result[lead_id] = (*result.get(lead_id, ()), (user_id, date))
        return result

    # ------------------------------------------------------------------
    # customers of a pool (ownership per customer, see planners/customers.py)
    # ------------------------------------------------------------------
    @api.model
    def _unit_leads(self, pools):
        """[UnitLead] of the open leads of ``pools`` (held or waiting) that have
        a customer, in one query."""
        from ..planners.customers import UnitLead

        self.env["crm.lead"].flush_model()
        rows = self.env.execute_query(
            SQL(
                """
                SELECT l.id, p.commercial_partner_id, l.user_id,
                       coalesce(l.date_open, l.create_date)
                  FROM crm_lead l
                  JOIN res_partner p ON p.id = l.partner_id
                 WHERE l.pool_id = ANY(%s) AND l.active AND l.won_status = 'pending'
                   AND NOT coalesce(l.pool_escalated, false)
              ORDER BY l.id
                """,
                pools.ids,
            )
        )
        return [UnitLead(*row) for row in rows]

    @api.model
    def _customers_of(self, lead_ids):
        """{lead id: commercial partner id} of those of ``lead_ids`` that wait or
        are held in a pool working per customer and have a customer."""
        if not lead_ids:
            return {}
        self.env["crm.lead"].flush_model(["partner_id", "pool_id"])
        rows = self.env.execute_query(
            SQL(
                """
                SELECT l.id, p.commercial_partner_id
                  FROM crm_lead l JOIN res_partner p ON p.id = l.partner_id
                 WHERE l.id = ANY(%s) AND l.pool_id = ANY(%s)
                """,
                list(lead_ids),
                list(self.env["crossborder.lead.pool"]._customer_pool_ids()),
            )
        )
        return dict(rows)

    # ------------------------------------------------------------------
    # purchases and customers, for the dormancy scan (crossborder.pool.dormancy)
    # ------------------------------------------------------------------
    @api.model
    def _purchase_sources(self, company_id, partner_ids=None, closing=False):
        """SQL queries (commercial partner, purchase datetime, amount, source,
        reference) for each kind of purchase the installed apps record. A won
        lead is a purchase when and for what it was first won: reopened and won
        again, it is no new purchase. A revival won is one too (closed by his
        order, it is won on the order's day, see _close_revivals).

        ``closing``: the purchases that close a customer's open revival: a
        confirmed order or a posted invoice. No lead of his was open when the
        revival opened (see _worked_customers), so a lead won since was made,
        given him or reopened since - by his contact's move too - and is a
        salesperson's own word, which anyone can give in a moment for one
        euro, not the customer buying again (the revival stays reserved to new
        salespeople, and whoever revives the customer wins the revival itself)."""

        def only(customer):
            return SQL("AND %s = ANY(%s)", customer, partner_ids) if partner_ids else SQL()

        won_leads = SQL(
            """
            SELECT p.commercial_partner_id AS partner_id,
                   coalesce(l.pool_first_won, l.date_closed) AS bought,
                   coalesce(l.pool_won_revenue, l.expected_revenue, 0) AS amount,
                   'lead' AS source, l.id AS ref_id
              FROM crm_lead l
              JOIN res_partner p ON p.id = l.partner_id
             WHERE l.won_status = 'won' AND l.date_closed IS NOT NULL
               AND l.company_id = %(company)s %(only)s
            """,
            company=company_id,
            only=only(SQL("p.commercial_partner_id")),
        )
        sources = [] if closing else [won_leads]
        if "sale.order" in self.env:
            # when it was first confirmed (crossborder_ops_crm_sale): cancelled and
            # confirmed again, the order does not move its purchase past a claim
            # and whose purchase it is: the customer it was confirmed for, not the
            # company its contact was moved to since (outside audit 86, H1)
            stamped = "pool_confirmed_on" in self.env["sale.order"]._fields
            confirmed = SQL(
                "coalesce(o.pool_confirmed_on, o.date_order)" if stamped else "o.date_order"
            )
            customer = SQL(
                "coalesce(o.pool_customer_id, p.commercial_partner_id)"
                if stamped
                else "p.commercial_partner_id"
            )
            sources.append(
                SQL(
                    """
                    SELECT %(customer)s AS partner_id, %(confirmed)s AS bought,
                           -- in the company's currency, as an invoice's (audit 87, M3)
                           o.amount_untaxed / coalesce(nullif(o.currency_rate, 0), 1) AS amount,
                           'order' AS source, o.id AS ref_id
                      FROM sale_order o
                      JOIN res_partner p ON p.id = o.partner_id
                     WHERE o.state = 'sale' AND o.company_id = %(company)s %(only)s
                    """,
                    customer=customer,
                    confirmed=confirmed,
                    company=company_id,
                    only=only(customer),
                )
            )
        if "account.move" in self.env:
            # what an invoice sold beside the orders it bills: an invoice of an
            # order bills that purchase, which the order is (a down payment on an
            # old order revived nobody: outside audit 85, M1), and its other lines
            # are one of their own (audit 86, M3)
            billed = (
                SQL(
                    "AND NOT EXISTS (SELECT 1 FROM sale_order_line_invoice_rel r "
                    "WHERE r.invoice_line_id = ml.id)"
                )
                if "sale.order.line" in self.env
                else SQL()
            )
            sources.append(
                SQL(
                    """
                    SELECT m.commercial_partner_id AS partner_id,
                           -- by the end of its date, never later than it was made: dated
                           -- ahead, it moved the purchase past a colleague's claim
                           -- (audit 84); at midnight, past the claim made before it that
                           -- day (audit 85, M2)
                           least(m.invoice_date + 1, m.create_date) AS bought,
                           -sum(ml.balance) + max(cn.refunded) AS amount,
                           'invoice' AS source, m.id AS ref_id
                      FROM account_move m
                      -- less its posted credit notes (audit 87, M2): reversed in full,
                      -- it sold nothing (audit 86, M2)
                CROSS JOIN LATERAL (
                           SELECT coalesce(sum(r.amount_untaxed_signed), 0) AS refunded
                             FROM account_move r
                            WHERE r.reversed_entry_id = m.id AND r.state = 'posted'
                              AND r.move_type = 'out_refund'
                           ) cn
                      JOIN account_move_line ml
                        ON ml.move_id = m.id AND ml.display_type = 'product' %(billed)s
                     WHERE m.move_type = 'out_invoice' AND m.state = 'posted'
                       AND m.invoice_date IS NOT NULL AND m.company_id = %(company)s %(only)s
                  GROUP BY m.id
                    HAVING -sum(ml.balance) + max(cn.refunded) > 0
                    """,
                    company=company_id,
                    # the customer it was made for (stored by Odoo), not the company
                    # its contact was moved to since (audit 86, H1)
                    only=only(SQL("m.commercial_partner_id")),
                    billed=billed,
                )
            )
        return sources

    @api.model
    def _last_purchases(self, pool, partner_ids=None, closing=False, after=None):
        """{commercial partner id: (datetime, amount, source, ref id)} of each
        customer's last purchase, for customers the pool covers (``closing``:
        of the purchases that close an open revival, see _purchase_sources).
        ``after`` ({commercial partner id: datetime}): his first purchase after
        that time instead, the one that revived him: a later one (a euro sold
        after a colleague's claim) does not take its place (outside audit 84)."""
        sources = self._purchase_sources(pool.company_id.id, partner_ids, closing)
        if not sources:  # closing, with neither orders nor invoices installed
            return {}
        self.env.flush_all()
        countries = pool.country_ids.ids
        since = SQL()
        if after:
            since = SQL(
                "JOIN (VALUES %s) AS a(partner_id, revived) "
                "ON a.partner_id = b.partner_id AND b.bought > a.revived",
                SQL(", ").join(
                    SQL("(%s, %s::timestamp)", partner, when) for partner, when in after.items()
                ),
            )
        rows = self.env.execute_query(
            SQL(
                """
                SELECT DISTINCT ON (b.partner_id) b.partner_id, b.bought, b.amount, b.source,
                       b.ref_id
                  FROM (%(sources)s) b
                  JOIN res_partner cp ON cp.id = b.partner_id %(since)s
                 WHERE cp.active %(countries)s
              ORDER BY b.partner_id, %(order)s
                """,
                sources=SQL(" UNION ALL ").join(sources),
                since=since,
                countries=SQL("AND cp.country_id = ANY(%s)", countries) if countries else SQL(),
                order=SQL("b.bought, b.ref_id") if after else SQL("b.bought DESC, b.ref_id DESC"),
            )
        )
        return {row[0]: row[1:] for row in rows}

    @api.model
    def _worked_customers(self, pool, partner_ids):
        """Customers with an open lead of the pool's company (or of none, seen by
        every company), held or waiting (a revival among them): a sleeping
        customer is one without, and a second lead beside his waiting one would
        be claimed first by whoever the revival's reservation keeps out. Another
        company's salesperson working the same customer is no reason for this
        company to let him sleep."""
        if not partner_ids:
            return set()
        rows = self.env.execute_query(
            SQL(
                """
                SELECT DISTINCT p.commercial_partner_id
                  FROM crm_lead l
                  JOIN res_partner p ON p.id = l.partner_id
                 WHERE l.active AND l.won_status = 'pending'
                   AND p.commercial_partner_id = ANY(%s) AND %s
                """,
                partner_ids,
                self._of_company(pool.company_id.id),
            )
        )
        return {row[0] for row in rows}

    @api.model
    def _revived(self, pool, partner_ids):
        """(customer, purchase) pairs the pool's company revived already: its
        revival leads, and the revivals its pools' audit records, which outlive
        a revival merged into another lead or deleted."""
        self.env["crossborder.pool.event"].flush_model(["customer_id", "rule"])
        rows = self.env.execute_query(
            SQL(
                """
                SELECT p.commercial_partner_id, l.revival_last_purchase
                  FROM crm_lead l JOIN res_partner p ON p.id = l.partner_id
                 WHERE l.revival_last_purchase IS NOT NULL
                   AND p.commercial_partner_id = ANY(%(partners)s) AND l.company_id = %(company)s
                 UNION
                SELECT e.customer_id, (e.rule::jsonb ->> 'bought')::timestamp
                  FROM crossborder_pool_event e
                  JOIN crossborder_lead_pool o ON o.id = e.pool_id
                 WHERE e.kind = 'revival' AND e.customer_id = ANY(%(partners)s)
                   AND o.company_id = %(company)s AND e.rule::jsonb ? 'bought'
                """,
                partners=partner_ids,
                company=pool.company_id.id,
            )
        )
        return set(rows)

    @api.model
    def _customer_lead_ids(self, pool, partners):
        """The customers' leads whose notes the pool's salespeople may read: of
        its company, or of none."""
        if not partners:
            return []
        rows = self.env.execute_query(
            SQL(
                "SELECT l.id FROM crm_lead l JOIN res_partner p ON p.id = l.partner_id "
                "WHERE p.commercial_partner_id = ANY(%s) AND %s",
                partners.ids,
                self._of_company(pool.company_id.id),
            )
        )
        return [row[0] for row in rows]

    @staticmethod
    def _of_company(company_id):
        """Leads ``l`` a user of the company sees: its own and those of no company."""
        return SQL("(l.company_id = %s OR l.company_id IS NULL)", company_id)

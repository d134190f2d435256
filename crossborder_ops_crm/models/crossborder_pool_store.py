# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the pool reads to plan: the one layer of its data-gathering SQL.

The pool (``crossborder.lead.pool``) orchestrates a run: it asks this store for
plain data (held leads, waiting leads and candidates), hands it to a planner
(``planners/``) that decides, and gives the decisions to the mover
(``crossborder.pool.mover``), which writes them. The store decides nothing: its
``WHERE`` clauses narrow rows down with the pool's indexes; the rules are the
planners'. Rows are locked here when the caller is going to move them.
"""

from datetime import timedelta

import pytz

from odoo import api, models
from odoo.tools import SQL

from ..planners import eligibility
from ..planners.recycling import HeldLead, earliest_candidate, protection_end
from ..planners.rotation import Candidate, PoolLead
from .crm_team_member import utc_hours

CUSTOMER_HOURS = (9.0, 18.0)  # business hours assumed for customers, local time

# the lead's clocks as the planner reads them (HeldLead.last_progress, .assigned)
PROGRESS = SQL("coalesce(l.last_progress_date, l.date_open, l.create_date)")
OPENED = SQL("coalesce(l.date_open, l.create_date)")


class CrossborderPoolStore(models.AbstractModel):
    _name = "crossborder.pool.store"
    _description = "High-seas pool data for the planners"

    # ------------------------------------------------------------------
    # recycling
    # ------------------------------------------------------------------
    @api.model
    def _held_candidates(self, pool, now, clocks):
        """[HeldLead] of the private leads of ``pool`` that may be due back in
        the pool or due a warning at ``now``, oldest id first, not locked.

        A superset: the index on (pool, owner) and a bound on the earliest
        clock (``earliest_candidate``) narrow them down; the planner decides
        (protection included)."""
        self.env["crm.lead"].flush_model()
        rows = self.env.execute_query(
            SQL(
                """
                SELECT l.id, l.user_id, %(progress)s, %(opened)s, coalesce(l.recycle_count, 0),
                       l.protected_until, coalesce(l.recycle_warned, false)
                  FROM crm_lead l
                 WHERE l.pool_id = %(pool)s AND l.user_id IS NOT NULL AND l.active
                   AND l.won_status = 'pending' AND NOT coalesce(l.pool_escalated, false)
                   AND NOT coalesce(l.pool_key_account, false)
                   AND least(%(progress)s, %(opened)s) <= %(bound)s
              ORDER BY l.id
                """,
                progress=PROGRESS,
                opened=OPENED,
                pool=pool.id,
                bound=earliest_candidate(clocks, now),
            )
        )
        return [
            HeldLead(
                lead_id, owner, pool.id, last, opened, count, protection_end(protected), warned
            )
            for lead_id, owner, last, opened, count, protected, warned in rows
        ]

    @api.model
    def _lock_leads(self, lead_ids):
        """Lock the leads about to move, in id order, skipping those another
        transaction holds (a claim, Odoo's lead enrichment): returns the set of
        ids locked; the caller counts the others as busy."""
        if not lead_ids:
            return set()
        rows = self.env.execute_query(
            SQL(
                """
                SELECT id FROM crm_lead WHERE id = ANY(%s::int[])
              ORDER BY id
                   FOR NO KEY UPDATE SKIP LOCKED
                """,
                "{%s}" % ",".join(map(str, lead_ids)),
            )
        )
        return {row[0] for row in rows}

    # ------------------------------------------------------------------
    # give-back
    # ------------------------------------------------------------------
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

    # ------------------------------------------------------------------
    # rotation
    # ------------------------------------------------------------------
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
                 WHERE h.lead_id = l.id AND h.kind = 'hold_back' AND h.date > %(held_since)s)
            """,
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
        given_back = self._given_back(pool, [row[0] for row in rows], now)
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
        tiers = pool._rotation_tiers()
        stats = members._pool_caps(now)
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
                    capacity=eligibility.room(taker, from_pool=True),
                    held=stat["held"],
                    country_ids=taker.country_ids,
                    langs=frozenset(member.lang_ids.mapped("code")),
                    utc_hours=member._utc_hours(),
                    is_new=stat["is_new"],
                )
            )
        return {
            "leads": leads,
            "candidates": candidates,
            "team_by_user": team_by_user,
            "tier_by_user": tier_by_user,
            "busy": busy,
        }

    @api.model
    def _given_back(self, pool, lead_ids, now):
        """{lead_id: ((user_id, last give-back), ...)} inside the pool's cool-down."""
        if not (lead_ids and pool.cooldown_days):
            return {}
        rows = self.env.execute_query(
            SQL(
                """
                SELECT lead_id, from_user_id, max(date)
                  FROM crossborder_pool_event
                 WHERE lead_id = ANY(%s::int[]) AND from_user_id IS NOT NULL
                   AND kind IN ('release', 'recycle', 'over_cap') AND date > %s
              GROUP BY lead_id, from_user_id
              ORDER BY lead_id, from_user_id
                """,
                "{%s}" % ",".join(map(str, lead_ids)),
                now - timedelta(days=pool.cooldown_days),
            )
        )
        result = {}
        for lead_id, user_id, date in rows:
            result[lead_id] = (*result.get(lead_id, ()), (user_id, date))
        return result

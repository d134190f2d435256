# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The one place where the pool moves leads between salespeople.

Every move (claim, release, rotation, recycling, give-back, escalation) leaves
the state an ORM write of ``user_id`` leaves, plus what the pool adds:

* the lead: new owner and team, Odoo's ``date_open``, and the stored fields
  that depend on them (``day_open``, ``company_id`` ...) from Odoo's own
  computes; the pool's clocks and counters;
* followers: the new owner follows the lead (no e-mail per lead), the previous
  owner no longer does, so the customer's e-mails stop reaching him;
* activities: the previous owner's open activities on the lead are handed to
  the new owner, or removed when the lead goes back to the pool; the pool's
  own reminders (follow up before recycling, revive) are removed, their
  reason gone;
* one chatter line per lead naming the move and the rule, one audit event per
  lead, and one summary message per salesperson per run ("You received 14
  leads from the Europe pool").

Two interchangeable back ends do it: the ORM (claims and releases, a few
leads clicked by a user) and set-based SQL through ``odoo.tools.SQL`` (the
scheduled actions: 20,000 leads in one run). ``test_pool_end_state`` runs both
on the same leads and compares the results field by field.
"""

import time
from datetime import timedelta
from typing import NamedTuple

from markupsafe import Markup

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import SQL, format_date
from odoo.tools.mail import generate_tracking_message_id

POOL_MOVE = "crossborder_pool_move"  # context key honoured only under sudo (see crm_lead)
TO_USER = ("claim", "rotation", "escalate", "handover")
TO_POOL = ("release", "recycle", "over_cap")
POOL_ACTIVITY_TYPES = (
    "crossborder_ops_crm.mail_activity_type_pool_warning",
    "crossborder_ops_crm.mail_activity_type_revive",
)
# the pool manager's to-do on an escalated lead: it goes when the escalation ends
ESCALATION_ACTIVITY_TYPE = "crossborder_ops_crm.mail_activity_type_escalation"


class Move(NamedTuple):
    lead_id: int
    from_id: int | None  # previous owner
    to_id: int | None  # new owner (None: back to the pool)
    rule: str  # the rule that fired, in words
    team_id: int | None = None  # new team (moves to a salesperson of a team-less pool)
    tier_id: int | None = None  # rotation: the receiver's tier (compared with kept-back leads)
    customer_id: int | None = None  # pools working per customer: the commercial partner
    with_customer: bool = False  # moved along with another lead of its customer (not counted)


class CrossborderPoolMover(models.AbstractModel):
    _name = "crossborder.pool.mover"
    _description = "High-seas pool moves"

    # ------------------------------------------------------------------
    # entry point
    # ------------------------------------------------------------------
    @api.model
    def _apply(
        self,
        pool,
        kind,
        moves,
        *,
        now=None,
        run=None,
        reason=False,
        note=False,
        sql=None,
        customers=None,
    ):
        """Move leads of ``pool`` as ``kind`` (see EVENT_KINDS); the caller has
        checked the rules and locked the rows. ``sql``: None picks the SQL back
        end for large batches, the ORM for a few leads. ``customers``: {lead id:
        customer id} when the caller knows them (pools working per customer)."""
        if not moves:
            return
        now = now or fields.Datetime.now()
        if sql is None:
            sql = len(moves) > 50
        if kind in TO_USER and not pool.team_id:
            # the lead joins the salesperson's team: crm recomputes its stage,
            # pool, probability ... from the new team; the ORM does all of it
            sql = False
        started = time.monotonic()
        moves = self._with_customers(pool, moves, sql, customers)
        names = self._user_names(moves)
        bodies = self._chatter_lines(pool, kind, moves, names, reason, note)
        actor = self.env.user if kind in ("claim", "release", "handover") else None
        if sql:
            self._apply_sql(pool, kind, moves, now, run, reason, note, bodies, actor)
        else:
            self._apply_orm(pool, kind, moves, now, run, reason, note, bodies, actor)
        self._new_activities(pool, kind, moves, sql)
        self._summaries(pool, kind, moves)
        self._customers_follow(kind, moves)
        return time.monotonic() - started

    # ------------------------------------------------------------------
    # pools working per customer (see planners/customers.py)
    # ------------------------------------------------------------------
    def _with_customers(self, pool, moves, sql, customer=None):
        """In a pool working per customer, each move names the lead's customer,
        and all but the first lead of a customer going to the same owner are
        marked as moving along with it: the audit lists every lead, the claim cap
        counts the customer once."""
        if customer is not None:
            pass  # the caller knows them (and may be switching the pool to customers)
        elif pool.id not in self.env["crossborder.lead.pool"]._customer_pool_ids():
            return moves
        elif sql:
            self.env["crm.lead"].flush_model(["partner_id"])
            customer = dict(
                self.env.execute_query(
                    SQL(
                        """
                        SELECT l.id, p.commercial_partner_id
                          FROM crm_lead l JOIN res_partner p ON p.id = l.partner_id
                         WHERE l.id = ANY(%s::int[])
                        """,
                        int_array(m.lead_id for m in moves),
                    )
                )
            )
        else:  # a few leads a user clicked: already in the cache
            leads = self.env["crm.lead"].sudo().browse([m.lead_id for m in moves])
            customer = {
                lead.id: lead.partner_id.commercial_partner_id.id
                for lead in leads
                if lead.partner_id
            }
        seen = set()
        result = []
        for m in moves:
            found = customer.get(m.lead_id)
            key = (found, m.to_id)
            result.append(m._replace(customer_id=found, with_customer=bool(found) and key in seen))
            if found:
                seen.add(key)
        return result

    def _customers_follow_leads(self, leads):
        """After a change of salesperson outside the pool's moves (a manager's
        reassignment, a salesperson handing his customer over): the customers of
        these leads in pools working per customer follow their new owner."""
        customer_pools = self.env["crossborder.lead.pool"]._customer_pool_ids()
        moves = [
            Move(lead.id, None, lead.user_id.id or None, "", customer_id=customer.id)
            for lead in leads.sudo()
            if lead.pool_id.id in customer_pools
            and (customer := lead.partner_id.commercial_partner_id)
        ]
        self._customers_follow("handover", moves)

    def _customers_follow(self, kind, moves, sql=True):
        """The customer's Salesperson (res.partner.user_id of the commercial
        partner) follows the pool's owner: set when the customer goes to
        someone, cleared when he goes back to the pool. One statement on both
        back ends, the same end state: no tracking line on the partner (the
        lead's chatter and the audit say who moved him) and no follower added
        to the customer's own record."""
        target = {
            m.customer_id: (m.to_id if kind in TO_USER else None) for m in moves if m.customer_id
        }
        if not target:
            return
        self.env["res.partner"].flush_model(["user_id"])
        self.env.cr.execute(
            SQL(
                """
                UPDATE res_partner p SET user_id = v.user_id, write_uid = %(uid)s,
                       write_date = now() AT TIME ZONE 'UTC'
                  FROM unnest(%(partners)s::int[], %(users)s::int[]) AS v(partner_id, user_id)
                 WHERE p.id = v.partner_id AND p.user_id IS DISTINCT FROM v.user_id
                """,
                uid=self.env.uid,
                partners=int_array(target),
                users=int_array(target.values()),
            )
        )
        self.env["res.partner"].invalidate_model(["user_id", "write_uid", "write_date"])

    # ------------------------------------------------------------------
    # what both back ends share
    # ------------------------------------------------------------------
    def _user_names(self, moves):
        ids = {uid for m in moves for uid in (m.from_id, m.to_id) if uid}
        users = self.env["res.users"].sudo().browse(ids)  # names only, for the chatter
        return {user.id: user.name for user in users}

    def _chatter_lines(self, pool, kind, moves, names, reason, note):
        """{lead_id: text}: the chatter line of each move, in the language of the
        salesperson who gets or loses the lead, the one who reads it (the
        sentence is translated once per language, not once per lead)."""
        users = (
            self.env["res.users"]
            .sudo()
            .browse({m.to_id or m.from_id for m in moves if m.to_id or m.from_id})
        )
        lang_of = {user.id: user.lang for user in users}
        by_lang = {}
        for m in moves:
            lang = lang_of.get(m.to_id or m.from_id) or self.env.lang
            by_lang.setdefault(lang, []).append(m)
        lines = {}
        for lang, lang_moves in by_lang.items():
            mover = self.with_context(lang=lang)
            lines.update(mover._chatter_lines_in(pool, kind, lang_moves, names, reason, note))
        return lines

    def _chatter_lines_in(self, pool, kind, moves, names, reason, note):
        """The chatter lines of ``moves``, in the current language."""
        _ = self.env._
        templates = {
            "claim": _("Claimed from the pool %(pool)s by %(to)s."),
            "release": _("Released to the pool %(pool)s by %(actor)s: %(reason)s%(note)s"),
            "rotation": _("Handed to %(to)s by the rotation of the pool %(pool)s (%(rule)s)."),
            "handover": _("Handed over from %(from)s to %(to)s by %(actor)s%(note)s."),
            "escalate": _(
                "Escalated from %(from)s to %(to)s: %(rule)s. It will not bounce back to the "
                "pool again."
            ),
        }
        template = templates.get(kind) or _("Back to the pool %(pool)s from %(from)s: %(rule)s.")
        reasons = dict(
            self.env["crossborder.pool.event"]._fields["reason"]._description_selection(self.env)
        )
        # the lead's chatter is read by whoever reads the lead later (the
        # salespeople of its pool once it is back there): no one's conversion
        rules = self.env["crossborder.pool.event"]._rule_sentences(
            [m.rule for m in moves], results=False
        )
        values = {
            "pool": pool.with_env(self.env).name,
            "actor": self.env.user.name,
            "reason": reasons.get(reason, ""),
            "note": f" — {note}" if note else "",
        }
        return {
            m.lead_id: template
            % dict(
                values,
                to=names.get(m.to_id, "-"),
                rule=rules.get(m.rule, m.rule),
                **{"from": names.get(m.from_id, "-")},
            )
            for m in moves
        }

    def _lead_values(self, pool, kind, now):
        """Values every lead of the move gets (ORM spelling)."""
        if kind in TO_USER:
            values = {
                "pool_key_account": False,  # a key account of the new owner's choosing
                "last_progress_date": now,
                "pool_entry_date": False,
                "reserved_until": False,
                "recycle_warned": False,
            }
            if kind == "escalate":
                values["pool_escalated"] = True
            return values
        values = {"pool_entry_date": now, "recycle_warned": False, "pool_key_account": False}
        if kind in ("recycle", "over_cap"):
            values["reserved_until"] = (
                now + timedelta(days=pool.reserve_days) if pool.reserve_days else False
            )
        return values

    def _pool_activity_type_ids(self):
        return [
            activity_type.id
            for xmlid in POOL_ACTIVITY_TYPES
            if (activity_type := self.env.ref(xmlid, raise_if_not_found=False))
        ]

    def _escalation_activity_type_id(self):
        activity_type = self.env.ref(ESCALATION_ACTIVITY_TYPE, raise_if_not_found=False)
        return activity_type.id if activity_type else False

    def _drop_reminders(self, lead_ids, decided_ids=()):
        """The pool's own reminders (follow up before recycling, revive) of the
        leads ``lead_ids`` and the decide to-do of the escalated leads
        ``decided_ids`` are removed, their reason gone (open ones only: what
        was done stays in the history)."""
        branches = []
        if lead_ids:
            branches.append(
                Domain("res_id", "in", list(lead_ids))
                & Domain("activity_type_id", "in", self._pool_activity_type_ids())
            )
        if decided_ids and self._escalation_activity_type_id():
            branches.append(
                Domain("res_id", "in", list(decided_ids))
                & Domain("activity_type_id", "=", self._escalation_activity_type_id())
            )
        if not branches:
            return
        # sudo: the pool's own activities, whoever's write ended their reason
        self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).search(
            Domain("res_model", "=", "crm.lead") & Domain("active", "=", True) & Domain.OR(branches)
        ).unlink()

    def _new_activities(self, pool, kind, moves, sql):
        """The new owner's to-do: revive a rotated customer; decide an escalated one."""
        if kind == "rotation":
            activity_type = self.env.ref("crossborder_ops_crm.mail_activity_type_revive")
            summary = self.env._("Revive this sleeping customer")
            deadline = fields.Date.context_today(self) + timedelta(days=pool.revive_days)
        elif kind == "escalate":
            activity_type = self.env.ref(ESCALATION_ACTIVITY_TYPE)
            summary = self.env._("Decide: this customer keeps coming back to the pool")
            deadline = fields.Date.context_today(self)
        else:
            return
        rows = [(m.lead_id, m.to_id) for m in moves if m.to_id]
        if sql:
            self._insert_activities(activity_type, rows, summary, deadline)
            return
        self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create(
            [
                {
                    "res_model_id": self.env["ir.model"]._get_id("crm.lead"),
                    "res_id": lead_id,
                    "activity_type_id": activity_type.id,
                    "summary": summary,
                    "date_deadline": deadline,
                    "user_id": user_id,
                    "automated": True,
                }
                for lead_id, user_id in rows
            ]
        )

    def _summaries(self, pool, kind, moves):
        """One message per salesperson per run, in their inbox (and by e-mail
        for those who chose e-mail notifications)."""
        if kind in ("claim", "release"):
            return  # the salesperson did it himself
        counts = {}
        for m in moves:
            user = m.to_id if kind in TO_USER else m.from_id
            if user:
                counts[user] = counts.get(user, 0) + 1
        # salespeople who get the same sentence share one message (a fair run
        # gives everyone N or N+1 leads: two messages for fifty people)
        recipients = {}
        for user in self.env["res.users"].sudo().browse(list(counts)):
            env = user.with_context(lang=user.lang).env
            values = {"count": counts[user.id], "pool": pool.with_env(env).name}
            one = counts[user.id] == 1
            if kind == "rotation" and one:
                body = env._("You received a lead from the %(pool)s pool.", **values)
            elif kind == "rotation":
                body = env._("You received %(count)s leads from the %(pool)s pool.", **values)
            elif kind == "handover" and one:
                body = env._(
                    "A lead of the %(pool)s pool was handed over to you, with its activities "
                    "and history.",
                    **values,
                )
            elif kind == "handover":
                body = env._(
                    "%(count)s leads of the %(pool)s pool were handed over to you, with "
                    "their activities and history.",
                    **values,
                )
            elif kind == "escalate" and one:
                body = env._(
                    "A lead of the %(pool)s pool keeps coming back to the pool: it is yours "
                    "to decide (see your activities).",
                    **values,
                )
            elif kind == "escalate":
                body = env._(
                    "%(count)s leads of the %(pool)s pool keep coming back to the pool: "
                    "they are yours to decide (see your activities).",
                    **values,
                )
            elif one:
                body = env._(
                    "One of your leads went back to the %(pool)s pool: nobody followed it "
                    "up in time, or you held more than your private cap.",
                    **values,
                )
            else:
                body = env._(
                    "%(count)s of your leads went back to the %(pool)s pool: nobody followed "
                    "them up in time, or you held more than your private cap.",
                    **values,
                )
            subject = env._("High seas: %(pool)s", pool=values["pool"])
            recipients.setdefault((subject, body), []).append(user.partner_id.id)
        for (subject, body), partner_ids in recipients.items():
            # sudo: salespeople cannot write pools, the message only reaches their inbox
            pool.sudo().message_notify(partner_ids=partner_ids, subject=subject, body=body)

    # ------------------------------------------------------------------
    # ORM back end
    # ------------------------------------------------------------------
    def _apply_orm(self, pool, kind, moves, now, run, reason, note, bodies, actor):
        Lead = self.env["crm.lead"]
        common = self._lead_values(pool, kind, now)
        groups = {}
        for m in moves:
            groups.setdefault((m.from_id, m.to_id, m.team_id), []).append(m.lead_id)
        leads_all = Lead.sudo().browse([m.lead_id for m in moves])  # rules checked by the caller
        counts = {lead.id: lead.recycle_count for lead in leads_all}
        # tracking_disable (a client may pass it) would skip crm's own follower:
        # the new owner follows the lead whatever the caller's context says
        moving = leads_all.with_context(
            mail_notrack=True,
            mail_auto_subscribe_no_notify=True,
            tracking_disable=False,
            **{POOL_MOVE: True},
        )
        for (from_id, to_id, team_id), lead_ids in groups.items():
            values = dict(common, user_id=to_id or False)
            if kind in TO_USER:
                values["team_id"] = team_id or pool.team_id.id or False
                if not values["team_id"]:
                    values.pop("team_id")
            if from_id:
                values["last_owner_id"] = from_id
            leads = moving.browse(lead_ids)
            if kind in ("recycle", "escalate"):
                for count, same in leads.grouped(lambda lead: counts[lead.id]).items():
                    same.write(dict(values, recycle_count=count + 1))
            else:
                leads.write(values)
            self._handle_previous_owner_orm(leads, from_id, to_id)
        leads_all._message_log_batch(bodies)
        self.env["crossborder.pool.event"].sudo().create(  # audit rows are system-owned
            [
                {
                    "date": now,
                    "lead_id": m.lead_id,
                    "pool_id": pool.id,
                    "kind": kind,
                    "reason": reason or self._default_reason(kind),
                    "note": note or False,
                    "from_user_id": m.from_id or False,
                    "to_user_id": m.to_id or False,
                    "actor_id": actor.id if actor else False,
                    "rule": m.rule,
                    "run_id": run.id if run else False,
                    "tier_id": m.tier_id or False,
                    "customer_id": m.customer_id or False,
                    "with_customer": m.with_customer,
                }
                for m in moves
            ]
        )

    def _handle_previous_owner_orm(self, leads, from_id, to_id):
        if not from_id or from_id == to_id:
            return
        previous = self.env["res.users"].browse(from_id)
        leads.message_unsubscribe(partner_ids=previous.partner_id.ids)
        activities = (
            self.env["mail.activity"]
            .sudo()
            .with_context(mail_activity_quick_update=True)
            .search(
                [
                    ("res_model", "=", "crm.lead"),
                    ("res_id", "in", leads.ids),
                    ("user_id", "=", from_id),
                ]
            )
        )
        pool_types = self._pool_activity_type_ids()
        drop = activities.filtered(lambda a: not to_id or a.activity_type_id.id in pool_types)
        drop.unlink()
        (activities - drop).write({"user_id": to_id})

    @api.model
    def _default_reason(self, kind):
        return {"recycle": "recycled", "over_cap": "over_cap", "escalate": "recycled"}.get(
            kind, False
        )

    # ------------------------------------------------------------------
    # SQL back end (the measured hot path)
    # ------------------------------------------------------------------
    def _apply_sql(self, pool, kind, moves, now, run, reason, note, bodies, actor):
        Lead = self.env["crm.lead"]
        Lead.flush_model()
        self.env["mail.activity"].flush_model()
        self.env["mail.followers"].flush_model()
        lead_ids = int_array(m.lead_id for m in moves)
        to_ids = int_array(m.to_id for m in moves)
        from_ids = int_array(m.from_id for m in moves)
        common = self._lead_values(pool, kind, now)
        cr_now = self.env.cr.now()
        rows = {
            row[0]: row[1:]
            for row in self.env.execute_query(
                SQL(
                    """
                    SELECT l.id, l.create_date, l.company_id, l.team_id, l.partner_id,
                           p.company_id, l.country_id
                      FROM crm_lead l LEFT JOIN res_partner p ON p.id = l.partner_id
                     WHERE l.id = ANY(%s::int[])
                    """,
                    lead_ids,
                )
            )
        }
        team = {
            m.lead_id: (pool.team_id.id if kind in TO_USER else None) or rows[m.lead_id][2]
            for m in moves
        }
        date_open = {m.lead_id: cr_now if m.to_id else None for m in moves}
        day_open, company = self._core_computes(moves, rows, team, date_open)
        sets = [
            SQL("user_id = v.to_id"),
            SQL("team_id = v.team_id"),
            SQL("date_open = v.date_open"),
            SQL("day_open = v.day_open"),
            SQL("company_id = v.company_id"),
            SQL("write_uid = %s", self.env.uid),
            SQL("write_date = %s", now),
        ]
        for fname, value in common.items():  # as the ORM stores them
            column = Lead._fields[fname].convert_to_column(value, Lead)
            sets.append(SQL("%s = %s", SQL.identifier(fname), column))
        if kind in TO_POOL or kind == "escalate":
            sets.append(SQL("last_owner_id = l.user_id"))
        if kind in ("recycle", "escalate"):
            sets.append(SQL("recycle_count = coalesce(l.recycle_count, 0) + 1"))
        self.env.cr.execute(
            SQL(
                """
                UPDATE crm_lead l SET %(sets)s
                  FROM unnest(%(leads)s::int[], %(tos)s::int[], %(teams)s::int[],
                              %(dates)s::timestamp[], %(days)s::float8[], %(companies)s::int[])
                       AS v(lead_id, to_id, team_id, date_open, day_open, company_id)
                 WHERE l.id = v.lead_id
                """,
                sets=SQL(", ").join(sets),
                leads=lead_ids,
                tos=to_ids,
                teams=int_array(team[m.lead_id] for m in moves),
                dates=text_array(date_open[m.lead_id] for m in moves),
                days=text_array(day_open[m.lead_id] for m in moves),
                companies=int_array(company[m.lead_id] for m in moves),
            )
        )
        Lead.invalidate_model()
        self._insert_events(
            pool, moves, kind, reason or self._default_reason(kind), note, run, now, actor
        )
        self._insert_chatter_lines(bodies, now)
        self._sql_followers(moves, from_ids, to_ids, lead_ids)
        if any(m.from_id and m.from_id != m.to_id for m in moves):
            self._sql_previous_owner_activities(lead_ids, from_ids, to_ids)
        Lead.invalidate_model()

    def _core_computes(self, moves, rows, team, date_open):
        """The stored fields crm recomputes after a write of the salesperson
        whose value can change here, ``day_open`` and ``company_id``, computed
        by crm's own methods on new records carrying each distinct input
        (tens of them for 20,000 leads), so that the SQL back end writes what
        the ORM would. ``test_pool_end_state`` compares every stored field."""
        Lead = self.env["crm.lead"]
        day_inputs = {(rows[m.lead_id][0], date_open[m.lead_id]) for m in moves}
        day_records = {
            key: Lead.new({"create_date": key[0], "date_open": key[1]}) for key in day_inputs
        }
        Lead.concat(*day_records.values())._compute_day_open()
        company_inputs, partners = set(), {}
        for m in moves:
            _created, company_id, _team, partner_id, partner_company, country_id = rows[m.lead_id]
            # the country too: a lead a pool takes keeps the pool's company
            key = (company_id, m.to_id, team[m.lead_id], partner_company, country_id)
            company_inputs.add(key)
            partners.setdefault(key, partner_id)
        company_records = {
            key: Lead.new(
                {
                    "company_id": key[0],
                    "user_id": key[1],
                    "team_id": key[2],
                    "partner_id": partners[key],
                    "country_id": key[4],
                }
            )
            for key in company_inputs
        }
        Lead.concat(*company_records.values())._compute_company_id()
        day_field = Lead._fields["day_open"]
        day_open = {
            m.lead_id: day_field.convert_to_column(
                day_records[(rows[m.lead_id][0], date_open[m.lead_id])].day_open, Lead
            )
            for m in moves
        }
        company = {}
        for m in moves:
            _created, company_id, _team, _partner, partner_company, country_id = rows[m.lead_id]
            key = (company_id, m.to_id, team[m.lead_id], partner_company, country_id)
            company[m.lead_id] = company_records[key].company_id.id or None
        return day_open, company

    def _insert_events(self, pool, moves, kind, reason, note, run, now, actor):
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO crossborder_pool_event
                       (date, lead_id, pool_id, kind, reason, note, from_user_id, to_user_id,
                        actor_id, rule, run_id, tier_id, customer_id, with_customer)
                SELECT %(now)s, v.lead_id, %(pool)s, %(kind)s, %(reason)s, %(note)s, v.from_id,
                       v.to_id, %(actor)s, v.rule, %(run)s, v.tier_id, v.customer_id,
                       v.with_customer
                  FROM unnest(%(leads)s::int[], %(froms)s::int[], %(tos)s::int[], %(rules)s::text[],
                              %(tiers)s::int[], %(customers)s::int[], %(withs)s::bool[])
                       AS v(lead_id, from_id, to_id, rule, tier_id, customer_id, with_customer)
                """,
                now=now,
                pool=pool.id,
                kind=kind,
                reason=reason or None,
                note=note or None,
                actor=actor.id if actor else None,
                run=run.id if run else None,
                leads=int_array(m.lead_id for m in moves),
                froms=int_array(m.from_id for m in moves),
                tos=int_array(m.to_id for m in moves),
                rules=text_array(m.rule for m in moves),
                tiers=int_array(m.tier_id for m in moves),
                customers=int_array(m.customer_id for m in moves),
                withs="{%s}" % ",".join("t" if m.with_customer else "f" for m in moves),
            )
        )
        self.env["crossborder.pool.event"].invalidate_model()

    def _insert_chatter_lines(self, bodies, now):
        """What ``_message_log_batch`` stores: an internal note per lead, by the
        current user, with no notification."""
        author = self.env.user.partner_id
        email_from = author.email_formatted
        reply_to = self.env["mail.thread"]._notify_get_reply_to(
            default=email_from, author_id=author.id
        )[False]
        ids = list(bodies)
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO mail_message
                       (model, res_id, body, message_type, subtype_id, author_id, email_from,
                        reply_to, message_id, date, is_internal, email_add_signature,
                        create_uid, create_date, write_uid, write_date)
                SELECT 'crm.lead', v.res_id, v.body, 'notification', %(subtype)s, %(author)s,
                       %(email_from)s, %(reply_to)s, v.message_id, %(now)s, true, false,
                       %(uid)s, %(now)s, %(uid)s, %(now)s
                  FROM unnest(%(ids)s::int[], %(bodies)s::text[], %(message_ids)s::text[])
                       AS v(res_id, body, message_id)
                """,
                # the id from the cached xmlid (env.ref checks it exists: a query)
                subtype=self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_note"),
                author=author.id,
                email_from=email_from,
                reply_to=reply_to,
                now=now,
                uid=self.env.uid,
                ids=int_array(ids),
                # as the html field stores an escaped text: in a paragraph
                bodies=text_array(str(Markup("<p>%s</p>") % bodies[i]) for i in ids),
                message_ids=text_array(
                    generate_tracking_message_id("message-notify") for _i in ids
                ),
            )
        )
        self.env["mail.message"].invalidate_model()

    def _sql_followers(self, moves, from_ids, to_ids, lead_ids):
        """The previous owner stops following, the new one follows with the
        default subtypes, as Odoo's auto-subscription does."""
        if any(m.from_id and m.from_id != m.to_id for m in moves):
            self.env.cr.execute(
                SQL(
                    """
                    DELETE FROM mail_followers f
                     USING unnest(%(leads)s::int[], %(froms)s::int[], %(tos)s::int[])
                           AS v(lead_id, from_id, to_id), res_users u
                     WHERE u.id = v.from_id AND v.from_id IS DISTINCT FROM v.to_id
                       AND f.res_model = 'crm.lead' AND f.res_id = v.lead_id
                       AND f.partner_id = u.partner_id
                    """,
                    leads=lead_ids,
                    froms=from_ids,
                    tos=to_ids,
                )
            )
        if any(m.to_id for m in moves):
            subtypes = self.env["mail.message.subtype"]._get_auto_subscription_subtypes("crm.lead")[
                1
            ]
            self.env.cr.execute(
                SQL(
                    """
                    WITH added AS (
                        INSERT INTO mail_followers (res_model, res_id, partner_id)
                        SELECT 'crm.lead', v.lead_id, u.partner_id
                          FROM unnest(%(leads)s::int[], %(tos)s::int[]) AS v(lead_id, to_id)
                          JOIN res_users u ON u.id = v.to_id AND u.active
                        ON CONFLICT DO NOTHING
                     RETURNING id)
                    INSERT INTO mail_followers_mail_message_subtype_rel
                           (mail_followers_id, mail_message_subtype_id)
                    SELECT added.id, s.id FROM added, unnest(%(subtypes)s::int[]) AS s(id)
                    """,
                    leads=lead_ids,
                    tos=to_ids,
                    subtypes=int_array(subtypes),
                )
            )
        self.env["mail.followers"].invalidate_model()

    def _sql_previous_owner_activities(self, lead_ids, from_ids, to_ids):
        pool_types = int_array(self._pool_activity_type_ids())
        self.env.cr.execute(
            SQL(
                """
                WITH v AS (SELECT * FROM unnest(%(leads)s::int[], %(froms)s::int[], %(tos)s::int[])
                                      AS v(lead_id, from_id, to_id)
                            WHERE from_id IS NOT NULL AND from_id IS DISTINCT FROM to_id),
                dropped AS (
                    DELETE FROM mail_activity a USING v
                     WHERE a.res_model = 'crm.lead' AND a.res_id = v.lead_id
                       AND a.user_id = v.from_id AND a.active  -- done ones stay, as in the ORM
                       AND (v.to_id IS NULL OR a.activity_type_id = ANY(%(types)s::int[])))
                UPDATE mail_activity a SET user_id = v.to_id, write_uid = %(uid)s,
                       write_date = now() AT TIME ZONE 'UTC'
                  FROM v
                 WHERE v.to_id IS NOT NULL AND a.res_model = 'crm.lead'
                   AND a.res_id = v.lead_id AND a.user_id = v.from_id AND a.active
                   AND NOT a.activity_type_id = ANY(%(types)s::int[])
                """,
                leads=lead_ids,
                froms=from_ids,
                tos=to_ids,
                types=pool_types,
                uid=self.env.uid,
            )
        )
        self.env["mail.activity"].invalidate_model()
        self.env["crm.lead"].invalidate_model(["activity_ids"])

    @api.model
    def _insert_activities(self, activity_type, rows, summary, deadline):
        """rows: [(lead_id, user_id)]; one activity each, as activity_schedule
        stores it (without the notification e-mail: the summary message says it)."""
        if not rows:
            return
        lead_ids, user_ids = zip(*rows, strict=True)
        now = fields.Datetime.now()
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO mail_activity
                       (res_model_id, res_model, res_id, res_name, activity_type_id, summary,
                        date_deadline, user_id, automated, active, create_uid, create_date,
                        write_uid, write_date)
                SELECT %(model)s, 'crm.lead', u.lead_id, l.name, %(type)s, %(summary)s,
                       %(deadline)s, u.user_id, true, true, %(uid)s, %(now)s, %(uid)s, %(now)s
                  FROM unnest(%(leads)s::int[], %(users)s::int[]) AS u(lead_id, user_id)
                  JOIN crm_lead l ON l.id = u.lead_id
                """,
                model=self.env["ir.model"]._get_id("crm.lead"),
                type=activity_type.id,
                summary=summary,
                deadline=deadline,
                uid=self.env.uid,
                now=now,
                leads=int_array(lead_ids),
                users=int_array(user_ids),
            )
        )
        self.env["mail.activity"].invalidate_model()
        self.env["crm.lead"].invalidate_model(["activity_ids"])

    # ------------------------------------------------------------------
    # warnings (not a move: the owner keeps the lead)
    # ------------------------------------------------------------------
    @api.model
    def _warn(self, pool, decisions, owners, now):
        """Owners get an activity per lead and one notification with the list."""
        if not decisions:
            return
        self.env.cr.execute(
            SQL(
                "UPDATE crm_lead SET recycle_warned = true WHERE id = ANY(%s)",
                [d.lead_id for d in decisions],
            )
        )
        self.env["crm.lead"].invalidate_model(["recycle_warned"])
        moves = [
            Move(d.lead_id, owners.get(d.lead_id), owners.get(d.lead_id), d.rule) for d in decisions
        ]
        self._insert_events(pool, moves, "warning", False, False, None, now, None)
        warning_type = self.env.ref("crossborder_ops_crm.mail_activity_type_pool_warning")
        by_deadline = {}
        for d in decisions:
            by_deadline.setdefault(d.due.date(), []).append((d.lead_id, owners[d.lead_id]))
        for deadline, rows in by_deadline.items():
            self._insert_activities(
                warning_type,
                rows,
                self.env._(
                    "Follow up, or it goes back to the pool on %(date)s",
                    date=format_date(self.env, deadline),
                ),
                deadline,
            )
        counts = {}
        for d in decisions:
            counts[owners[d.lead_id]] = counts.get(owners[d.lead_id], 0) + 1
        for user in self.env["res.users"].sudo().browse(list(counts)):
            # sudo: the owner's inbox; owners cannot write pools
            pool.sudo().message_notify(
                partner_ids=user.partner_id.ids,
                subject=self.env._("Leads about to go back to the pool"),
                body=user.with_context(lang=user.lang).env._(
                    "%(count)s of your leads in %(pool)s go back to the pool in %(days)s "
                    "days unless you follow them up. See your activities.",
                    count=counts[user.id],
                    pool=pool.name,
                    days=pool.warn_days,
                ),
            )

    # ------------------------------------------------------------------
    # rotation
    # ------------------------------------------------------------------
    @api.model
    def _apply_rotation(self, pool, plan, data, now, sql=True):
        """Write a rotation plan (the leads were locked when gathered: they are
        still waiting in the pool) and record the run with its fairness figures."""
        started = time.monotonic()
        run = self.env["crossborder.rotation.run"].create({"pool_id": pool.id, "date": now})
        team_by_user, tier_by_user = data["team_by_user"], data.get("tier_by_user", {})
        units = data.get("units") or {}  # pools working per customer: head -> leads
        moves = [
            Move(
                lead_id,
                None,
                user_id,
                rule,
                None if pool.team_id else team_by_user[user_id],
                tier_by_user.get(user_id),
            )
            for head, user_id, rule in plan.assignments
            for lead_id in units.get(head, (head,))
        ]
        if moves:
            self._apply(pool, "rotation", moves, now=now, run=run, sql=sql)
            pool.sudo().rotation_pointer_id = plan.pointer  # system field of the pool
        if plan.held_back:
            # one audit line per kept-back lead, with the run that holds the seed:
            # the draw can be redone and checked (see holdback.py)
            rule = self.env["crossborder.pool.event"]._rule_code(
                "hold_back", percent=f"{pool.holdback_percent:g}"
            )
            self._insert_events(
                pool,
                [
                    Move(lead, None, None, rule, None, tier)
                    for head, tier in plan.held_back.items()
                    for lead in units.get(head, (head,))
                ],
                "hold_back",
                False,
                False,
                run,
                now,
                None,
            )
        counts = plan.counts()
        eligible = [c.user_id for c in data["candidates"] if c.capacity > 0]
        per_person = [counts.get(u, 0) for u in eligible] or [0]
        # waiting for a next run: leads kept back at random wait out their days
        self.env["crossborder.pool.event"].flush_model()
        kept_back = [
            row[0]
            for row in self.env.execute_query(
                SQL(
                    "SELECT lead_id FROM crossborder_pool_event e WHERE pool_id = %s "
                    "AND kind = 'hold_back' AND date > %s AND lead_id IS NOT NULL AND %s",
                    pool.id,
                    now - timedelta(days=pool.holdback_days or 0),
                    self.env["crossborder.pool.event"]._own_move_sql("e"),
                )
            )
        ]
        waiting = (
            self.env["crm.lead"]
            .sudo()
            .search_count(
                [
                    ("pool_id", "=", pool.id),
                    ("pool_state", "in", ["pool"]),
                    ("id", "not in", kept_back),
                ]
            )
        )
        run.write(
            {
                "assigned_count": len(moves),
                "skipped_count": len(plan.skipped),
                "busy_count": data.get("busy", 0),
                "remaining_count": waiting,
                "recipient_count": len(counts),
                "min_per_person": min(per_person),
                "max_per_person": max(per_person),
                "spread": max(per_person) - min(per_person),
                "held_back_count": sum(len(units.get(head, (head,))) for head in plan.held_back),
                "holdback_percent": pool.holdback_percent if plan.seed is not None else 0.0,
                "holdback_seed": str(plan.seed) if plan.seed is not None else False,
                "duration": time.monotonic() - started,
            }
        )
        return run


def int_array(values):
    """A PostgreSQL int[] literal. psycopg2 adapts a list item by item into an
    ARRAY[...] expression PostgreSQL then parses, which costs more than the
    statement itself for the crons' 20,000-row batches."""
    return "{%s}" % ",".join(str(value) if value else "NULL" for value in values)


def text_array(values):
    """A PostgreSQL text[] (or timestamp[], float8[]) literal, for the same reason."""

    def quote(value):
        if value is None or value is False:
            return "NULL"
        text = str(value).replace("\\", "\\\\").replace('"', '\\"')
        return f'"{text}"'

    return "{%s}" % ",".join(quote(value) for value in values)

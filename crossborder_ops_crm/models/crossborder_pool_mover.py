# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Bulk moves of leads decided by the planners (the measured hot path).

Recycling 100,000 idle leads or rotating 20,000 must not cost a query per lead,
so the scheduled actions write here with set-based SQL through ``odoo.tools.SQL``:
one UPDATE for the leads, one INSERT for the audit events, one for the chatter
notes and one for the activities, then the ORM cache is invalidated. Claims and
releases clicked by users go through the ORM instead (crm_lead.py).
"""

import time
from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import SQL


class CrossborderPoolMover(models.AbstractModel):
    _name = "crossborder.pool.mover"
    _description = "High-seas pool bulk moves"

    # ------------------------------------------------------------------
    # building blocks
    # ------------------------------------------------------------------
    @api.model
    def _events_sql(self, pool, source, kind, reason=False, run=None, now=None):
        """INSERT of audit events, one per row of ``source``: an SQL row source
        aliased ``v`` with the columns (lead_id, from_id, to_id, rule)."""
        return SQL(
            """
            INSERT INTO crossborder_pool_event
                   (date, lead_id, pool_id, kind, reason, from_user_id, to_user_id, rule,
                    run_id)
            SELECT %(now)s, v.lead_id, %(pool)s, %(kind)s, %(reason)s, v.from_id, v.to_id,
                   v.rule, %(run)s
              FROM %(source)s
            """,
            now=now or fields.Datetime.now(),
            pool=pool.id,
            kind=kind,
            reason=reason or None,
            run=run.id if run else None,
            source=source,
        )

    @api.model
    def _activities_sql(self, activity_type, source, summary, deadline):
        """INSERT of one activity per row of ``source`` (aliased ``v``, columns
        lead_id, user_id, res_name), with what activity_schedule would store."""
        now = fields.Datetime.now()
        return SQL(
            """
            INSERT INTO mail_activity
                   (res_model_id, res_model, res_id, res_name, activity_type_id, summary,
                    date_deadline, user_id, automated, active, create_uid, create_date,
                    write_uid, write_date)
            SELECT %(model)s, 'crm.lead', v.lead_id, v.res_name, %(type)s, %(summary)s,
                   %(deadline)s, v.user_id, true, true, %(uid)s, %(now)s, %(uid)s, %(now)s
              FROM %(source)s
            """,
            model=self.env["ir.model"]._get_id("crm.lead"),
            type=activity_type.id,
            summary=summary,
            deadline=deadline,
            uid=self.env.uid,
            now=now,
            source=source,
        )

    @api.model
    def _insert_events(self, pool, rows, kind, reason=False, run=None, now=None):
        """rows: [(lead_id, from_user_id, to_user_id, rule)]"""
        if not rows:
            return
        lead_ids, from_ids, to_ids, rules = zip(*rows, strict=True)
        source = SQL(
            """unnest(%s::int[], %s::int[], %s::int[], %s::text[])
               AS v(lead_id, from_id, to_id, rule)""",
            int_array(lead_ids),
            int_array(from_ids),
            int_array(to_ids),
            list(rules),
        )
        self.env.cr.execute(self._events_sql(pool, source, kind, reason, run, now))
        self.env["crossborder.pool.event"].invalidate_model()

    @api.model
    def _insert_notes(self, bodies, now=None):
        """Internal chatter notes on leads: bodies = {lead_id: html}."""
        if not bodies:
            return
        now = now or fields.Datetime.now()
        author = self.env.ref("base.partner_root").id
        subtype = self.env.ref("mail.mt_note").id
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO mail_message
                       (model, res_id, body, message_type, subtype_id, author_id, date,
                        is_internal, create_uid, create_date, write_uid, write_date)
                SELECT 'crm.lead', v.res_id, v.body, 'notification', %(subtype)s, %(author)s,
                       %(now)s, true, %(uid)s, %(now)s, %(uid)s, %(now)s
                  FROM unnest(%(ids)s::int[], %(bodies)s::text[]) AS v(res_id, body)
                """,
                subtype=subtype,
                author=author,
                now=now,
                uid=self.env.uid,
                ids=int_array(bodies),
                bodies=[str(body) for body in bodies.values()],
            )
        )
        self.env["mail.message"].invalidate_model()

    @api.model
    def _insert_activities(self, activity_type, rows, summary, deadline):
        """rows: [(lead_id, user_id)]; one activity each, like activity_schedule."""
        if not rows:
            return
        lead_ids, user_ids = zip(*rows, strict=True)
        source = SQL(
            """
            (SELECT u.lead_id, u.user_id, l.name AS res_name
               FROM unnest(%s::int[], %s::int[]) AS u(lead_id, user_id)
               JOIN crm_lead l ON l.id = u.lead_id) AS v
            """,
            int_array(lead_ids),
            int_array(user_ids),
        )
        self.env.cr.execute(self._activities_sql(activity_type, source, summary, deadline))
        self.env["mail.activity"].invalidate_model()
        self.env["crm.lead"].invalidate_model(["activity_ids"])

    # ------------------------------------------------------------------
    # moves
    # ------------------------------------------------------------------
    @api.model
    def _return_to_pool(self, pool, decisions, owners, kind, now):
        """Recycled or over-cap leads go back to the pool, reserved to new salespeople.

        Odoo keeps ``date_open`` when a salesperson is cleared in SQL and its own
        assignment skips leads that have one: both are reset here.
        """
        if not decisions:
            return
        ids = [d.lead_id for d in decisions]
        count_bounce = kind == "recycle"
        self.env.cr.execute(
            SQL(
                """
                UPDATE crm_lead
                   SET user_id = NULL, date_open = NULL, day_open = NULL,
                       pool_entry_date = %(now)s, last_owner_id = user_id,
                       recycle_count = coalesce(recycle_count, 0) + %(bounce)s,
                       reserved_until = %(reserved)s, recycle_warned = false,
                       write_uid = %(uid)s, write_date = %(now)s
                 WHERE id = ANY(%(ids)s) AND user_id IS NOT NULL
                """,
                now=now,
                bounce=1 if count_bounce else 0,
                reserved=now + timedelta(days=pool.reserve_days) if pool.reserve_days else None,
                uid=self.env.uid,
                ids=ids,
            )
        )
        self.env["crm.lead"].invalidate_model()
        reason = "recycled" if kind == "recycle" else "over_cap"
        self._insert_events(
            pool,
            [(d.lead_id, owners.get(d.lead_id), None, d.rule) for d in decisions],
            kind,
            reason=reason,
            now=now,
        )
        label = self.env._("Back to the pool %(pool)s", pool=pool.name)
        self._insert_notes(
            {d.lead_id: Markup("<p>%s: %s.</p>") % (label, d.rule) for d in decisions}, now
        )

    @api.model
    def _escalate(self, pool, decisions, owners, now):
        if not decisions:
            return
        manager = pool.manager_id
        self.env.cr.execute(
            SQL(
                """
                UPDATE crm_lead
                   SET user_id = %(manager)s, date_open = %(now_or_null)s, pool_escalated = true,
                       pool_entry_date = NULL, last_owner_id = user_id,
                       recycle_count = coalesce(recycle_count, 0) + 1,
                       last_progress_date = %(now)s, recycle_warned = false,
                       write_uid = %(uid)s, write_date = %(now)s
                 WHERE id = ANY(%(ids)s)
                """,
                manager=manager.id or None,
                now_or_null=now if manager else None,
                now=now,
                uid=self.env.uid,
                ids=[d.lead_id for d in decisions],
            )
        )
        self.env["crm.lead"].invalidate_model()
        self._insert_events(
            pool,
            [(d.lead_id, owners.get(d.lead_id), manager.id, d.rule) for d in decisions],
            "escalate",
            reason="recycled",
            now=now,
        )
        self._insert_notes(
            {
                d.lead_id: Markup("<p>%s</p>")
                % self.env._(
                    "Escalated to %(manager)s: %(rule)s. It will not bounce back to the pool "
                    "again.",
                    manager=manager.name or "-",
                    rule=d.rule,
                )
                for d in decisions
            },
            now,
        )
        if manager:
            self._insert_activities(
                self.env.ref("mail.mail_activity_data_todo"),
                [(d.lead_id, manager.id) for d in decisions],
                self.env._("Decide: this customer keeps coming back to the pool"),
                fields.Date.context_today(self),
            )

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
        self._insert_events(
            pool,
            [(d.lead_id, owners.get(d.lead_id), owners.get(d.lead_id), d.rule) for d in decisions],
            "warning",
            now=now,
        )
        warning_type = self.env.ref("crossborder_ops_crm.mail_activity_type_pool_warning")
        by_deadline = {}
        for d in decisions:
            by_deadline.setdefault(d.due.date(), []).append((d.lead_id, owners[d.lead_id]))
        for deadline, rows in by_deadline.items():
            self._insert_activities(
                warning_type,
                rows,
                self.env._("Follow up, or it goes back to the pool on %(date)s", date=deadline),
                deadline,
            )
        counts = {}
        for d in decisions:
            counts[owners[d.lead_id]] = counts.get(owners[d.lead_id], 0) + 1
        users = self.env["res.users"].browse(list(counts))
        for user in users:
            pool.sudo().message_notify(  # the owner's inbox; owners cannot write pools
                partner_ids=user.partner_id.ids,
                subject=self.env._("Leads about to go back to the pool"),
                body=self.env._(
                    "%(count)s of your leads in %(pool)s go back to the pool in %(days)s "
                    "days unless you follow them up. See your activities.",
                    count=counts[user.id],
                    pool=pool.name,
                    days=pool.warn_days,
                ),
            )

    @api.model
    def _apply_rotation(self, pool, plan, data, now):
        """Write a rotation plan in one statement: the leads' new owners, one
        audit event and one follow-up activity per lead (the leads were locked
        FOR UPDATE when gathered: they are still waiting in the pool)."""
        started = time.monotonic()
        assignments = plan.assignments
        run = self.env["crossborder.rotation.run"].create({"pool_id": pool.id, "date": now})
        if assignments:
            lead_ids, user_ids, rules = zip(*assignments, strict=True)
            if pool.team_id:
                teams = None  # every lead joins the pool's team
            else:
                teams = int_array(data["team_by_user"][user] for user in user_ids)
            moved = SQL(
                """
                UPDATE crm_lead l
                   SET user_id = v.user_id, team_id = coalesce(%(team)s, v.team_id),
                       date_open = %(now)s, last_progress_date = %(now)s,
                       day_open = abs(floor(extract(epoch FROM %(now)s
                                                    - date_trunc('second', l.create_date))
                                            / 86400)),
                       pool_entry_date = NULL, reserved_until = NULL, recycle_warned = false,
                       write_uid = %(uid)s, write_date = %(now)s
                  FROM unnest(%(leads)s::int[], %(users)s::int[], %(teams)s::int[],
                              %(rules)s::text[]) AS v(lead_id, user_id, team_id, rule)
                 WHERE l.id = v.lead_id
             RETURNING l.id AS lead_id, NULL::int AS from_id, v.user_id AS to_id, v.user_id,
                       v.rule, l.name AS res_name
                """,
                team=pool.team_id.id or None,
                now=now,
                uid=self.env.uid,
                leads=int_array(lead_ids),
                users=int_array(user_ids),
                teams=teams,
                rules=list(rules),
            )
            source = SQL("moved AS v")
            self.env.cr.execute(
                SQL(
                    "WITH moved AS (%s), events AS (%s) %s",
                    moved,
                    self._events_sql(pool, source, "rotation", run=run, now=now),
                    self._activities_sql(
                        self.env.ref("crossborder_ops_crm.mail_activity_type_revive"),
                        source,
                        self.env._("Revive this sleeping customer"),
                        fields.Date.context_today(self) + timedelta(days=2),
                    ),
                )
            )
            self.env["crm.lead"].invalidate_model()
            self.env["crossborder.pool.event"].invalidate_model()
            self.env["mail.activity"].invalidate_model()
            pool.rotation_pointer_id = plan.pointer
        counts = plan.counts()
        eligible = [c.user_id for c in data["candidates"] if c.capacity > 0]
        per_person = [counts.get(u, 0) for u in eligible] or [0]
        waiting = self.env["crm.lead"].search_count(
            [("pool_id", "=", pool.id), ("pool_state", "in", ["pool"])]
        )
        run.write(
            {
                "assigned_count": len(assignments),
                "skipped_count": len(plan.skipped),
                "remaining_count": waiting,
                "recipient_count": len(counts),
                "min_per_person": min(per_person),
                "max_per_person": max(per_person),
                "spread": max(per_person) - min(per_person),
                "duration": time.monotonic() - started,
            }
        )
        return run


def int_array(values):
    """A PostgreSQL int[] literal. psycopg2 adapts a list item by item, which
    costs more than the statement itself for the crons' 20,000-row batches."""
    return "{%s}" % ",".join(str(value) if value else "NULL" for value in values)

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
    def _insert_events(self, pool, rows, kind, reason=False, run=None, now=None):
        """rows: [(lead_id, from_user_id, to_user_id, rule)]"""
        if not rows:
            return
        now = now or fields.Datetime.now()
        lead_ids, from_ids, to_ids, rules = zip(*rows, strict=True)
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO crossborder_pool_event
                       (date, lead_id, pool_id, kind, reason, from_user_id, to_user_id, rule,
                        run_id, company_id)
                SELECT %(now)s, v.lead_id, %(pool)s, %(kind)s, %(reason)s, v.from_id, v.to_id,
                       v.rule, %(run)s, %(company)s
                  FROM unnest(%(leads)s::int[], %(froms)s::int[], %(tos)s::int[], %(rules)s::text[])
                       AS v(lead_id, from_id, to_id, rule)
                """,
                now=now,
                pool=pool.id,
                kind=kind,
                reason=reason or None,
                run=run.id if run else None,
                company=pool.company_id.id,
                leads=list(lead_ids),
                froms=[f or None for f in from_ids],
                tos=[t or None for t in to_ids],
                rules=list(rules),
            )
        )
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
                ids=list(bodies),
                bodies=[str(body) for body in bodies.values()],
            )
        )
        self.env["mail.message"].invalidate_model()

    @api.model
    def _insert_activities(self, activity_type, rows, summary, deadline):
        """rows: [(lead_id, user_id)]; one activity each, like activity_schedule."""
        if not rows:
            return
        now = fields.Datetime.now()
        lead_ids, user_ids = zip(*rows, strict=True)
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO mail_activity
                       (res_model_id, res_model, res_id, res_name, activity_type_id, summary,
                        date_deadline, user_id, automated, active, create_uid, create_date,
                        write_uid, write_date)
                SELECT %(model)s, 'crm.lead', l.id, l.name, %(type)s, %(summary)s, %(deadline)s,
                       v.user_id, true, true, %(uid)s, %(now)s, %(uid)s, %(now)s
                  FROM unnest(%(leads)s::int[], %(users)s::int[]) AS v(lead_id, user_id)
                  JOIN crm_lead l ON l.id = v.lead_id
                """,
                model=self.env["ir.model"]._get_id("crm.lead"),
                type=activity_type.id,
                summary=summary,
                deadline=deadline,
                uid=self.env.uid,
                now=now,
                leads=list(lead_ids),
                users=list(user_ids),
            )
        )
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
        started = time.monotonic()
        assignments = plan.assignments
        run = self.env["crossborder.rotation.run"].create({"pool_id": pool.id, "date": now})
        if assignments:
            lead_ids = [a[0] for a in assignments]
            user_ids = [a[1] for a in assignments]
            pool_team = pool.team_id.id
            teams = [pool_team or data["team_by_user"][u] for u in user_ids]
            self.env.cr.execute(
                SQL(
                    """
                    UPDATE crm_lead l
                       SET user_id = v.user_id, team_id = v.team_id, date_open = %(now)s,
                           day_open = 0, last_progress_date = %(now)s,
                           pool_entry_date = NULL, reserved_until = NULL,
                           recycle_warned = false, write_uid = %(uid)s, write_date = %(now)s
                      FROM unnest(%(leads)s::int[], %(users)s::int[], %(teams)s::int[])
                           AS v(lead_id, user_id, team_id)
                     WHERE l.id = v.lead_id
                    """,  # rows locked FOR UPDATE when gathered: still waiting in the pool
                    now=now,
                    uid=self.env.uid,
                    leads=lead_ids,
                    users=user_ids,
                    teams=teams,
                )
            )
            self.env["crm.lead"].invalidate_model()
            self._insert_events(
                pool,
                [(lead, None, user, rule) for lead, user, rule in assignments],
                "rotation",
                run=run,
                now=now,
            )
            self._insert_activities(
                self.env.ref("crossborder_ops_crm.mail_activity_type_revive"),
                [(lead, user) for lead, user, _rule in assignments],
                self.env._("Revive this sleeping customer"),
                fields.Date.context_today(self) + timedelta(days=2),
            )
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

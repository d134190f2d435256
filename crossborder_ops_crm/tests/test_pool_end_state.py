# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The scheduled actions move leads with set-based SQL; a few leads clicked by
a user move through the ORM. Both must leave the same state: run each on the
same leads (rolled back in between) and compare field by field."""

from datetime import timedelta

from freezegun import freeze_time

from odoo.tests import new_test_user, tagged

from ..models.crossborder_pool_mover import POOL_MOVE
from .common import NOW, SALESMAN, PoolCase

# the columns both back ends may legitimately write at different instants
NOT_COMPARED = {"write_date", "create_date"}


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_crm")
@freeze_time(NOW)
class TestPoolEndState(PoolCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.call = cls.env.ref("mail.mail_activity_data_call")
        cls.decide = cls.env.ref("crossborder_ops_crm.mail_activity_type_escalation")
        cls.tier_veteran.private_cap = 50

    def _snapshot(self, leads, since_message):
        self.env.invalidate_all()
        Message = self.env["mail.message"]
        state = {}
        self.env.cr.execute("SELECT * FROM crm_lead WHERE id = ANY(%s) ORDER BY id", [leads.ids])
        columns = [d.name for d in self.env.cr.description]
        rows = {
            row[0]: {c: v for c, v in zip(columns, row, strict=True) if c not in NOT_COMPARED}
            for row in self.env.cr.fetchall()
        }
        for lead in leads:
            values = dict(rows[lead.id])  # every column, as PostgreSQL holds it
            values["followers"] = sorted(
                (f.partner_id.id, tuple(sorted(f.subtype_ids.ids)))
                for f in lead.message_follower_ids
            )
            values["activities"] = sorted(
                (a.user_id.id, a.activity_type_id.id, a.summary, a.date_deadline, a.automated)
                for a in lead.activity_ids
            )
            # done activities: who did them stays, whoever holds the lead now
            values["done_activities"] = sorted(
                (a.user_id.id, a.activity_type_id.id, a.summary)
                for a in self.env["mail.activity"]
                .with_context(active_test=False)
                .search(
                    [
                        ("res_model", "=", "crm.lead"),
                        ("res_id", "=", lead.id),
                        ("active", "=", False),
                    ]
                )
            )
            values["chatter"] = [
                (str(m.body), m.author_id.id, m.subtype_id.id, m.message_type, m.is_internal)
                for m in Message.search(
                    [
                        ("model", "=", "crm.lead"),
                        ("res_id", "=", lead.id),
                        ("id", ">", since_message),
                    ],
                    order="id",
                )
            ]
            values["events"] = sorted(
                (e.kind, e.reason or "", e.from_user_id.id, e.to_user_id.id, e.rule, bool(e.run_id))
                for e in self._events(lead)
            )
            state[lead.id] = values
        summaries = Message.search(
            [("model", "=", "crossborder.lead.pool"), ("id", ">", since_message)], order="id"
        )
        state["summaries"] = sorted(
            (str(m.body), tuple(sorted(m.notification_ids.res_partner_id.ids))) for m in summaries
        )
        return state

    def _compare(self, leads, run):
        """run(sql) on the same leads through both back ends; assert equal states."""
        self.env.flush_all()
        since = self.env["mail.message"].search([], order="id desc", limit=1).id
        states = {}
        for sql in (False, True):
            with self.env.cr.savepoint() as savepoint:
                run(sql)
                self.env.flush_all()
                states[sql] = self._snapshot(leads, since)
                savepoint.rollback()
            self.env.invalidate_all()
        self.maxDiff = None
        orm, sql = states[False], states[True]
        for key in orm:
            self.assertEqual(sql[key], orm[key], f"SQL and ORM moves differ on {key}")
        return orm

    def _held(self, name, user, idle_days, **values):
        lead = self._lead(name, self.de, user=user, **values)
        lead.with_context(**{POOL_MOVE: True}).write(
            {
                "last_progress_date": NOW - timedelta(days=idle_days),
                "date_open": NOW - timedelta(days=idle_days),
            }
        )
        return lead

    def test_recycle_and_escalate_leave_odoos_end_state(self):
        idle = self._held("idle", self.veteran, 20)
        bouncing = self._held("bouncing", self.veteran, 20, recycle_count=2)
        for lead in idle | bouncing:
            lead.activity_schedule(
                "crossborder_ops_crm.mail_activity_type_pool_warning", user_id=self.veteran.id
            )
            lead.activity_schedule(activity_type_id=self.call.id, user_id=self.veteran.id)
            lead.activity_schedule(activity_type_id=self.call.id, user_id=self.new_b.id)
            lead.activity_schedule(
                activity_type_id=self.call.id, user_id=self.veteran.id, summary="First call"
            ).action_feedback(feedback="Interested in samples")
        leads = idle | bouncing
        state = self._compare(leads, lambda sql: self.pool_eu._recycle_batch(sql=sql))
        for lead in leads:
            self.assertEqual(
                state[lead.id]["done_activities"],
                [(self.veteran.id, self.call.id, "First call")],
                "Vera's done call stays hers (the SQL path deleted or handed it over)",
            )
        vera = self.veteran.partner_id.id
        # what a user notices, once for both back ends
        back = state[idle.id]
        self.assertFalse(back["user_id"])
        self.assertEqual(back["company_id"], self.pool_eu.company_id.id, "the pool's company")
        self.assertEqual(back["last_owner_id"], self.veteran.id)
        self.assertNotIn(vera, [p for p, _s in back["followers"]], "Vera no longer follows it")
        self.assertEqual(
            [a[0] for a in back["activities"]],
            [self.new_b.id],
            "only the colleague's activity is left",
        )
        self.assertIn("Back to the pool EU from Vera Veteran", back["chatter"][-1][0])
        escalated = state[bouncing.id]
        self.assertEqual(escalated["user_id"], self.manager.id)
        self.assertIn(self.manager.partner_id.id, [p for p, _s in escalated["followers"]])
        self.assertNotIn(vera, [p for p, _s in escalated["followers"]])
        self.assertEqual(
            sorted((a[0], a[1]) for a in escalated["activities"]),
            sorted(
                [
                    (self.manager.id, self.call.id),  # Vera's call, handed over
                    (self.new_b.id, self.call.id),
                    (self.manager.id, self.decide.id),
                ]
            ),
            "the reminder is gone, the call handed over, the manager has to decide",
        )
        self.assertEqual(escalated["day_open"], 0.0, "crm's compute: assigned today")
        self.assertEqual(
            sorted(partners for _body, partners in state["summaries"]),
            sorted([(self.veteran.partner_id.id,), (self.manager.partner_id.id,)]),
            "one message to Vera, one to the manager",
        )

    def test_recycling_in_another_companys_pool_keeps_the_lead_there(self):
        """The scheduled actions run in the main company; a lead of another
        company's pool goes back to that pool, in that company, by both back
        ends (the ORM's recompute of the pool read the actions' company)."""
        other = self.env["res.company"].create({"name": "Crossborder US Co"})
        seller = new_test_user(
            self.env,
            login="cbo_two_cos",
            groups=SALESMAN,
            company_id=other.id,
            company_ids=[other.id, self.env.company.id],
        )
        self.env["crm.team.member"].create({"crm_team_id": self.team.id, "user_id": seller.id})
        pool = self.env["crossborder.lead.pool"].create(
            {
                "name": "EU of the US company",
                "company_id": other.id,
                "team_id": self.team.id,
                "country_ids": [(6, 0, self.de.ids)],
                "followup_days": 14,
                "holdback_percent": 0.0,
            }
        )
        lead = self._held("idle elsewhere", seller, 20, company_id=other.id)
        self.assertEqual(lead.pool_id, pool)
        self.assertNotEqual(self.env.company, other, "run from another company")
        state = self._compare(lead, lambda sql: pool._recycle_batch(sql=sql))[lead.id]
        self.assertFalse(state["user_id"])
        self.assertEqual((state["pool_id"], state["company_id"]), (pool.id, other.id))

    def _sleeping(self, countries):
        """Pool leads, one per country given, waiting for 40 days and a few hours."""
        leads = self.env["crm.lead"].browse(
            [self._lead(f"sleeping {i}", country).id for i, country in enumerate(countries)]
        )
        leads.flush_recordset()
        self.env.cr.execute(
            "UPDATE crm_lead SET create_date = %s WHERE id = ANY(%s)",
            [NOW - timedelta(days=40, hours=5), leads.ids],
        )
        self.env.invalidate_all()
        return leads

    def test_revive_activity_due_when_the_pool_says(self):
        self.assertEqual(self.env["crossborder.lead.pool"].new({}).revive_days, 2, "default")
        self.pool_eu.revive_days = 5
        leads = self._sleeping([self.de] * 3)
        # the same deadline from the ORM and the SQL back ends (asserted by _compare)
        state = self._compare(leads, lambda sql: self.pool_eu._rotate_batch(sql=sql))
        for lead in leads:
            (activity,) = state[lead.id]["activities"]
            self.assertEqual(activity[2], "Revive this sleeping customer")
            self.assertEqual(activity[3], (NOW + timedelta(days=5)).date(), "5 days out")

    def test_rotation_leaves_odoos_end_state(self):
        leads = self._sleeping([self.de if i % 2 else self.fr for i in range(6)])
        state = self._compare(leads, lambda sql: self.pool_eu._rotate_batch(sql=sql))
        first = state[leads[0].id]
        owner = self.env["res.users"].browse(first["user_id"])
        self.assertIn(owner, self.new_a | self.new_b)
        self.assertEqual([p for p, _s in first["followers"]], [owner.partner_id.id])
        self.assertEqual(first["activities"][0][2], "Revive this sleeping customer")
        self.assertIn(
            "by the rotation of the pool EU (Round robin: lead no. 1 of this run for",
            first["chatter"][-1][0],
        )
        self.assertEqual(
            state["summaries"],
            [
                (
                    "<p>You received 3 leads from the EU pool.</p>",
                    tuple(sorted((self.new_a | self.new_b).partner_id.ids)),
                )
            ],
            "one summary for each salesperson (shared when the sentence is the same), "
            "no e-mail per lead",
        )

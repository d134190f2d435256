# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from freezegun import freeze_time

from odoo.tests import tagged

from .common import NOW, PoolCase


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_crm")
@freeze_time(NOW)
class TestPoolRotation(PoolCase):
    def _pool_leads(self, count, country=None, **values):
        return self.env["crm.lead"].create(
            [
                {
                    "name": f"sleeping {i}",
                    "type": "opportunity",
                    "team_id": self.team.id,
                    "country_id": (country or self.de).id,
                    "user_id": False,
                    **values,
                }
                for i in range(count)
            ]
        )

    def test_rotation_hands_out_in_turn_to_new_salespeople(self):
        leads = self._pool_leads(7)
        leads.flush_recordset()
        self.env.cr.execute(  # sleeping for 40 days and a few hours
            "UPDATE crm_lead SET create_date = %s WHERE id = ANY(%s)",
            [NOW - timedelta(days=40, hours=5), leads.ids],
        )
        leads.invalidate_recordset()
        run = self.pool_eu._rotate_batch()
        counts = {
            user: len(leads.filtered(lambda lead, u=user: lead.user_id == u))
            for user in (self.new_a, self.new_b, self.veteran)
        }
        self.assertEqual(counts[self.veteran], 0, "the veteran tier does not receive rotation")
        self.assertEqual(sorted([counts[self.new_a], counts[self.new_b]]), [3, 4])
        self.assertEqual((run.assigned_count, run.spread, run.recipient_count), (7, 1, 2))
        self.assertEqual(self.pool_eu.rotation_pointer_id, leads[-1].user_id)
        lead = leads[0]
        self.assertEqual(lead.pool_state, "private")
        self.assertEqual(lead.date_open, self.env.cr.now(), "as crm's write sets it")
        self.assertEqual(
            lead.day_open,
            (lead.date_open - lead.create_date.replace(microsecond=0)).days,
            "Odoo's 'Days to Assign', from its own compute",
        )
        self.assertIn(lead.user_id.partner_id, lead.message_partner_ids, "the owner follows")
        self.assertEqual(lead.activity_ids.summary, "Revive this sleeping customer")
        self.assertEqual(lead.activity_ids.user_id, lead.user_id)
        event = self._events(lead, "rotation")
        self.assertEqual((event.run_id, event.to_user_id), (run, lead.user_id))
        self.assertRegex(
            event.rule_text,
            rf"^Round robin: lead no\. \d+ of this run for {lead.user_id.name}, who held",
        )

    def test_the_rule_names_the_language(self):
        english = self.env.ref("base.lang_en")
        (self.m_new_a | self.m_new_b).lang_ids = english
        lead = self._pool_leads(1, lang_id=english.id)
        self.pool_eu._rotate_batch()
        rule = self._events(lead, "rotation").rule_text
        self.assertIn(f"speaks {english.name}", rule)
        self.assertNotIn("en_US", rule)

    def test_better_converter_first_when_the_pool_prefers_results(self):
        # over the last 90 days Noah won 3 of 4 closed leads, Nadia 1 of 4
        won = self.env["crm.stage"].search([("is_won", "=", True)], limit=1)
        for user, wins in ((self.new_b, 3), (self.new_a, 1)):
            closed = self._pool_leads(4, user_id=user.id)
            closed[:wins].write({"stage_id": won.id})
            closed[wins:].action_set_lost()
        lead = self._pool_leads(1)
        self.pool_eu.rotation_prefers_results = True
        self.pool_eu._rotate_batch()
        self.assertEqual(lead.user_id, self.new_b)
        self.assertIn(
            "won 75 % of the leads closed in 90 days", self._events(lead, "rotation").rule_text
        )
        # the other way round without the preference: the turn decides (Nadia first)
        lead = self._pool_leads(1)
        self.pool_eu.write({"rotation_prefers_results": False, "rotation_pointer_id": False})
        self.pool_eu._rotate_batch()
        self.assertEqual(lead.user_id, self.new_a)

    def test_caps_and_claims_limit_rotation(self):
        """Rotated leads are not claims: the private cap alone bounds them. A
        salesperson who used his claims of the week still gets his turn: she got
        none, and a colleague with claims left got the whole rotation, run after
        run, each run saying "even" (outside audit 5)."""
        self.tier_new.private_cap = 10
        for lead in self._pool_leads(4):  # Nadia claims her 4 of the week
            lead.with_user(self.new_a).action_claim()
        self.assertEqual(self.m_new_a.pool_claim_display, "4 of 4 this week")
        rotated = self._pool_leads(12)
        run = self.pool_eu._rotate_batch()
        self.assertEqual((run.assigned_count, run.skipped_count), (12, 0))
        counts = [
            len(rotated.filtered(lambda lead, u=u: lead.user_id == u))
            for u in (self.new_a, self.new_b)
        ]
        self.assertEqual(counts, [6, 6], "each her turn")
        self.assertEqual(self.m_new_a.pool_claim_display, "4 of 4 this week", "not claims")
        # the next run fills them up to their private cap of 10, not beyond
        self._pool_leads(6)
        self.assertEqual(self.pool_eu._rotate_batch().assigned_count, 4)
        self.assertEqual(self.pool_eu._rotate_batch().assigned_count, 0)

    def test_region_coverage(self):
        self.m_new_a.region_country_ids = self.fr
        self._pool_leads(3, self.de)
        self.pool_eu._rotate_batch()
        self.assertEqual(
            self.env["crm.lead"].search([("name", "like", "sleeping")]).user_id, self.new_b
        )

    def test_no_straight_back_after_recycle(self):
        [lead] = self._pool_leads(1)
        lead.with_user(self.new_a).action_claim()
        with freeze_time(NOW + timedelta(days=15)):
            self.pool_eu._recycle_batch()
            self.assertEqual(lead.last_owner_id, self.new_a)
            self.pool_eu._rotate_batch()
            self.assertEqual(lead.user_id, self.new_b)

    def test_preview_changes_nothing(self):
        leads = self._pool_leads(3)
        action = self.pool_eu.action_preview_rotation()
        preview = self.env["crossborder.rotation.preview"].browse(action["res_id"])
        self.assertEqual(preview.assigned_count, 3)
        self.assertEqual(len(preview.line_ids), 3)
        self.assertTrue(all(line.rule_text.startswith("Round robin") for line in preview.line_ids))
        self.assertFalse(leads.user_id)
        self.assertFalse(self._events(leads))

    def test_cron_and_snapshot(self):
        self._pool_leads(2)
        with self.enter_registry_test_mode():
            self.env.ref("crossborder_ops_crm.ir_cron_pool_rotate").method_direct_trigger()
            self.env.ref("crossborder_ops_crm.ir_cron_pool_snapshot").method_direct_trigger()
        # the cron calls itself again while the demo's pools have leads left to
        # hand out: this pool's later runs, if any, find nothing
        runs = self.env["crossborder.rotation.run"].search([("pool_id", "=", self.pool_eu.id)])
        self.assertEqual(sorted(runs.mapped("assigned_count"), reverse=True)[0], 2)
        self.assertEqual(sum(runs.mapped("assigned_count")), 2)
        snapshot = self.env["crossborder.pool.snapshot"].search([("pool_id", "=", self.pool_eu.id)])
        self.assertEqual((snapshot.lead_count, snapshot.held_count), (0, 2))

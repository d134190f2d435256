# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What salespeople and pool managers see: the screens of issue 14."""

from datetime import timedelta
from unittest.mock import patch

from freezegun import freeze_time
from lxml import etree

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools.safe_eval import datetime as safe_datetime
from odoo.tools.safe_eval import dateutil, safe_eval

from ..planners import reasons
from ..planners.holdback import held_back
from .common import NOW, PoolCase

PREVIEW = "odoo.addons.crossborder_ops_crm.wizards.crossborder_rotation_preview"


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_crm")
@freeze_time(NOW)
class TestPoolScreens(PoolCase):
    def _action(self, xmlid):
        return self.env["ir.actions.act_window"]._for_xml_id(xmlid)

    def _search_filter(self, action, name):
        view = self.env["crm.lead" if action["res_model"] == "crm.lead" else action["res_model"]]
        arch = view.get_views([(False, "search")])["views"]["search"]["arch"]
        [node] = etree.fromstring(arch).xpath(f"//filter[@name='{name}']")
        return node

    # -- salespeople -----------------------------------------------------------
    def test_pool_kanban_shows_a_column_per_pool_even_empty(self):
        """Grouped by pool, an empty pool still has its column: the kanban then
        shows the empty-state help instead of a blank page."""
        action = self._action("crossborder_ops_crm.crm_lead_pool_action")
        Lead = self.env["crm.lead"].with_user(self.new_a).with_context(read_group_expand=True)
        result = Lead.web_read_group(safe_eval(action["domain"]), ["pool_id"], ["__count"])
        counts = {group["pool_id"][0]: group["__count"] for group in result["groups"]}
        order = list(counts)
        self.assertLess(order.index(self.pool_eu.id), order.index(self.pool_na.id), "pool order")
        self.assertEqual((counts[self.pool_eu.id], counts[self.pool_na.id]), (0, 0), "empty too")
        self.assertIn("o_view_nocontent", action["help"], "the help the empty kanban shows")
        kanban = etree.fromstring(
            self.env.ref("crossborder_ops_crm.crm_lead_view_kanban_pool").arch_db
        )
        self.assertIsNone(kanban.get("sample"), "no sample cards over the help")

    def test_held_lead_shows_when_it_goes_back_in_lists_and_pipeline(self):
        lead = self._lead("held", self.de, user=self.new_a)
        self.assertEqual(lead.pool_recycle_date, NOW + timedelta(days=14))
        self.assertEqual(lead.pool_recycle_rule, "No real follow-up for 14 days")
        for xmlid in ("crm.crm_case_tree_view_oppor", "crm.crm_case_kanban_view_leads"):
            view = self.env.ref(xmlid)
            arch = self.env["crm.lead"].get_view(view.id)["arch"]
            node = etree.fromstring(arch).xpath("//field[@name='pool_recycle_date']")
            self.assertTrue(node, xmlid)
            self.assertEqual(node[0].get("widget"), "remaining_days", "days left")

    def test_back_to_the_pool_on_the_day_the_recycling_takes_it(self):
        lead = self._lead("protected", self.de, user=self.new_a)
        lead.sudo().last_progress_date = NOW - timedelta(days=30)  # the clock ran out
        last_day = (NOW + timedelta(days=5)).date()
        lead.with_user(self.manager).protected_until = last_day
        goes_back = NOW.replace(hour=0, minute=0, second=0) + timedelta(days=6)
        self.assertEqual(lead.pool_recycle_date, goes_back, "the day after its last day")
        self.assertEqual(lead.pool_recycle_rule, "Its protection ends")
        # the run agrees: still protected on its last day, back the next midnight
        self.pool_eu._recycle_batch(now=goes_back - timedelta(minutes=1))
        self.assertEqual(lead.user_id, self.new_a)
        self.pool_eu._recycle_batch(now=goes_back)
        self.assertFalse(lead.user_id)

    def test_claims_count_only_claims_not_rotated_leads(self):
        rotated = self._lead("rotated", self.de)
        self.pool_eu._rotate_batch()
        self.assertTrue(rotated.user_id)
        claimed = self._lead("claimed", self.de)
        claimed.with_user(self.new_a).action_claim()
        member = self.m_new_a
        member.invalidate_recordset()
        self.assertEqual(member.pool_claim_count, 1, "the rotated lead is not a claim")
        self.assertEqual(member.pool_claim_display, "1 of 4 this week")

    def test_claim_notification_links_to_the_lead(self):
        lead = self._lead("Atelier Marais", self.fr)
        action = lead.with_user(self.new_a).action_claim()
        params = action["params"]
        self.assertEqual(params["message"], "You claimed %s: it is in My leads now.")
        self.assertEqual(params["links"][0]["label"], "Atelier Marais")
        self.assertTrue(params["links"][0]["url"].endswith(f"/{lead.id}"))
        two = self._lead("a", self.fr) | self._lead("b", self.fr)
        action = two.with_user(self.new_b).action_claim()
        self.assertEqual(action["params"]["message"], "You claimed 2 leads: see them in %s.")

    def test_release_window_says_a_cooldown_follows_and_claim_is_not_offered(self):
        lead = self._lead("released", self.de)
        lead.with_user(self.new_a).action_claim()
        wizard = (
            self.env["crossborder.lead.release.wizard"]
            .with_user(self.new_a)
            .with_context(active_model="crm.lead", active_ids=lead.ids)
            .create({"reason": "no_capacity"})
        )
        self.assertIn("you cannot claim them again for 30 days", wizard.cooldown_note)
        wizard.action_release()
        mine = lead.with_user(self.new_a)
        self.assertFalse(mine.pool_claimable, "no Claim button during the cool-down")
        self.assertIn("you can claim it again from", mine.pool_banner)
        self.assertTrue(lead.with_user(self.new_b).pool_claimable, "colleagues can")
        with freeze_time(NOW + timedelta(days=31)):
            lead.invalidate_recordset()
            self.assertTrue(lead.with_user(self.new_a).pool_claimable)

    # -- pool manager --------------------------------------------------------------
    def test_rotate_now_asks_for_confirmation(self):
        arch = self.env["crossborder.lead.pool"].get_view(view_type="form")["arch"]
        [button] = etree.fromstring(arch).xpath("//button[@name='action_rotate_now']")
        self.assertIn("cannot be undone", button.get("confirm"))

    def test_rotate_as_previewed(self):
        leads = self._lead("a", self.de) | self._lead("b", self.de) | self._lead("c", self.fr)
        pool = self.pool_eu.with_user(self.manager)
        preview = self.env["crossborder.rotation.preview"].browse(
            pool.action_preview_rotation()["res_id"]
        )
        planned = {line.lead_id: line.user_id for line in preview.line_ids}
        preview.action_rotate_as_previewed()
        self.assertEqual({lead: lead.user_id for lead in leads}, planned)

    def test_rotate_as_previewed_refuses_when_the_pool_changed(self):
        leads = self._lead("a", self.de) | self._lead("b", self.de)
        pool = self.pool_eu.with_user(self.manager)
        preview = self.env["crossborder.rotation.preview"].browse(
            pool.action_preview_rotation()["res_id"]
        )
        leads[0].with_user(self.new_a).action_claim()  # things moved since the preview
        with self.assertFails(UserError, "changed since this preview .*: nothing was rotated"):
            preview.action_rotate_as_previewed()
        self.assertFalse(leads[1].user_id)

    def test_preview_with_holdback_rotates_the_same_draw(self):
        self.pool_eu.holdback_percent = 50
        leads = self.env["crm.lead"].browse([self._lead(f"l{i}", self.de).id for i in range(8)])
        pool = self.pool_eu.with_user(self.manager)
        # a seed that keeps some of the eight and not all (a random one kept
        # none once in 256 runs, and the test failed)
        seed = next(s for s in range(1000) if 0 < len(held_back(leads.ids, 50, s)) < 8)
        with patch(f"{PREVIEW}.secrets.randbits", return_value=seed):
            preview = self.env["crossborder.rotation.preview"].browse(
                pool.action_preview_rotation()["res_id"]
            )
        kept_lines = preview.line_ids.filtered(lambda line: not line.user_id)
        kept = kept_lines.lead_id
        self.assertEqual(set(kept.ids), held_back(leads.ids, 50, seed), "the seed's draw")
        for text in kept_lines.mapped("rule_text"):
            self.assertTrue(text.startswith("Kept in the pool at random (50 %)"), text)
        preview.action_rotate_as_previewed()
        self.assertEqual(leads.filtered(lambda lead: not lead.user_id), kept)

    def test_rule_texts_stored_as_code_worded_for_the_reader(self):
        lead = self._lead("rotated", self.de)
        self.pool_eu._rotate_batch()
        event = self._events(lead, "rotation")
        name, params = reasons.parse(event.rule)
        self.assertEqual((name, params["user"]), ("round_robin", lead.user_id.id))
        self.assertIn(f"for {lead.user_id.name}", event.rule_text)
        # another reader, another language: the stored code does not change
        self.env["res.lang"]._activate_lang("fr_FR")
        french = event.with_context(lang="fr_FR")
        self.assertTrue(french.rule_text)
        self.assertEqual(french.rule, event.rule)

    def test_rotation_runs_say_what_red_means(self):
        run = self.env["crossborder.rotation.run"].create({"pool_id": self.pool_eu.id, "spread": 2})
        self.assertEqual(run.fairness, "uneven")
        run.spread = 1
        self.assertEqual(run.fairness, "even")
        arch = self.env["crossborder.rotation.run"].get_view(view_type="list")["arch"]
        [node] = etree.fromstring(arch).xpath("//field[@name='fairness']")
        self.assertEqual(node.get("widget"), "badge")

    # -- reports ---------------------------------------------------------------------
    def test_pool_events_default_filter_shows_every_kind(self):
        lead = self._lead("moved", self.de)
        lead.with_user(self.new_a).action_claim()
        lead.with_user(self.new_a)._release_to_pool("no_capacity")
        action = self._action("crossborder_ops_crm.crossborder_pool_event_action")
        context = safe_eval(action["context"])
        self.assertEqual(context, {"search_default_last_30_days": 1})
        node = self._search_filter(action, "last_30_days")
        domain = safe_eval(
            node.get("domain"),
            {
                "context_today": lambda: NOW.date(),
                "relativedelta": dateutil.relativedelta.relativedelta,
                "datetime": safe_datetime,
            },
        )
        events = self.env["crossborder.pool.event"].search(domain + [("lead_id", "=", lead.id)])
        self.assertEqual(set(events.mapped("kind")), {"claim", "release"})

    def test_pool_events_filters_for_passes_and_joins(self):
        """A lead passed on and one that came into the pool with its salesperson
        were found only by grouping by kind: each has its filter."""
        passed = self._lead("passed", self.de, user=self.veteran)
        passed.with_user(self.veteran).user_id = self.new_a
        joined = self._lead("joined", self.jp, user=self.veteran)
        joined.with_user(self.veteran).country_id = self.de
        self.env.cr.precommit.run()
        action = self._action("crossborder_ops_crm.crossborder_pool_event_action")
        Event = self.env["crossborder.pool.event"]
        for name, lead in (("passes", passed), ("joins", joined)):
            with self.subTest(filter=name):
                domain = safe_eval(self._search_filter(action, name).get("domain"))
                self.assertEqual(
                    Event.search(domain + [("lead_id", "in", (passed | joined).ids)]).lead_id, lead
                )

    def test_hoarding_index_only_for_leads_a_pool_governs(self):
        self._lead("pooled", self.de, user=self.veteran)
        self._lead("no pool", self.jp, user=self.outsider, team=self.other_team)
        self.pool_other.active = False  # the other team has no pool any more
        Report = self.env["crossborder.hoarding.report"]
        self.env.flush_all()
        users = Report.search([]).user_id
        self.assertIn(self.veteran, users)
        self.assertNotIn(self.outsider, users)

    def test_escalated_and_conversions_have_their_own_help_without_sample(self):
        for xmlid in (
            "crossborder_ops_crm.crm_lead_escalated_action",
            "crossborder_ops_crm.crossborder_pool_lead_report_action",
        ):
            action = self._action(xmlid)
            self.assertIn("o_view_nocontent", action["help"], xmlid)
            model = self.env[action["res_model"]]
            views = model.get_views(
                [(view_id, view_type) for view_id, view_type in action["views"]]
            )["views"]
            for view_type, view in views.items():
                if view_type == "search":
                    continue
                self.assertNotIn('sample="1"', view["arch"], f"{xmlid} {view_type}")

    def test_pool_cards_and_rows_show_no_amount_when_there_is_none(self):
        """A lead without expected revenue shows no "$ 0.00" on its pool card or row;
        one with an amount shows it."""
        action = self._action("crossborder_ops_crm.crm_lead_pool_action")
        views = self.env["crm.lead"].get_views(
            [(view_id, view_type) for view_id, view_type in action["views"]]
        )["views"]
        for view_type in ("kanban", "list"):
            [node] = etree.fromstring(views[view_type]["arch"]).xpath(
                "//field[@name='expected_revenue']"
            )
            hidden = node.get("invisible")
            self.assertTrue(hidden, view_type)
            self.assertTrue(safe_eval(hidden, {"expected_revenue": 0.0}), view_type)
            self.assertFalse(safe_eval(hidden, {"expected_revenue": 1200.0}), view_type)

# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.crossborder_ops.tests.common import load_shipped_translations

from .common import MonitorCase, causes_of


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_helpdesk")
class TestMonitorTranslations(MonitorCase):
    """The shipped zh_CN and tr translations load and reach what agents read and send."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_shipped_translations(cls.env, "crossborder_ops_helpdesk")

    def test_labels_selections_and_menus_translated(self):
        ticket = self.env["helpdesk.ticket"].with_context(lang="zh_CN")
        stages = dict(ticket.fields_get(["cs_stage"])["cs_stage"]["selection"])
        self.assertEqual(stages["after_sales"], "售后")
        self.assertEqual(
            ticket.fields_get(["root_cause_id"])["root_cause_id"]["string"], "根本原因"
        )
        menu = self.env.ref("crossborder_ops_helpdesk.crossborder_feedback_menu")
        self.assertEqual(menu.with_context(lang="tr_TR").name, "Departmanlara geri bildirim")

    def test_close_refusal_in_the_agents_language(self):
        ticket = self._ticket(category_id=self.cat_after.id)
        with self.assertFails(UserError, "没有根本原因不能移到"):
            ticket.with_context(lang="zh_CN").stage_id = self.stage_done
        self.assertEqual(ticket.stage_id, self.stage_new, "nothing changed")

    def test_answer_template_speaks_the_buyers_language(self):
        template = self.env.ref("crossborder_ops_helpdesk.mail_template_answer_customs")
        buyer = self.env["res.partner"].create({"name": "Ayşe", "lang": "tr_TR"})
        ticket = self._ticket(partner_id=buyer.id, category_id=self.cat_after.id)
        body = template._render_field("body_html", ticket.ids, compute_lang=True)[ticket.id]
        self.assertIn("Paketiniz ülkenizin gümrüğünde kontrol ediliyor", str(body))
        self.assertIn("Ayşe", str(body))

    def test_review_todo_in_another_language_closes_with_a_new_cause(self):
        ticket = self._ticket(root_cause_id=self.c_wrong_item.id, user_id=self.agent.id)
        # the department manager reads Chinese: the agent's to-do is written in it
        ticket.with_user(self.wh_manager_user).with_context(
            lang="zh_CN"
        ).action_dispute_attribution("不是我们的问题", causes=causes_of(ticket))
        todo = ticket.activity_ids
        self.assertEqual(todo.user_id, self.agent)
        self.assertNotEqual(todo.summary, "Cause disputed: review the classification")
        ticket.with_user(self.agent).with_context(lang="en_US").root_cause_id = self.c_missing
        self.assertFalse(ticket.activity_ids, "done in English all the same")
        self.assertEqual(todo.with_context(active_test=False).state, "done")

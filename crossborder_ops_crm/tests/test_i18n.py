# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.crossborder_ops.tests.common import load_shipped_translations

from .common import NOW, PoolCase


@tagged("post_install", "-at_install", "crossborder_ops", "crossborder_ops_crm")
@freeze_time(NOW)
class TestPoolTranslations(PoolCase):
    """The shipped zh_CN and tr translations load and reach what salespeople read."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_shipped_translations(cls.env, "crossborder_ops_crm")

    def test_labels_and_menus_translated(self):
        member = self.env["crm.team.member"].with_context(lang="zh_CN")
        self.assertEqual(
            member.fields_get(["pool_private_cap"])["pool_private_cap"]["string"], "私有上限"
        )
        menu = self.env.ref("crossborder_ops_crm.crm_lead_my_menu").with_context(lang="tr_TR")
        self.assertEqual(menu.name, "Kayıtlarım")

    def test_cap_refusal_in_the_salespersons_language(self):
        for i in range(3):
            self._lead(f"held {i}", self.de, user=self.veteran)
        lead = self._lead("one too many", self.de)
        with self.assertFails(
            UserError, r"你的私有上限为 3 条未结线索（等级 T-Veteran），你已持有 3 条"
        ):
            lead.with_user(self.veteran).with_context(lang="zh_CN").action_claim()
        with self.assertFails(UserError, r"Özel sınırınız 3 açık kayıt \(kademe T-Veteran\)"):
            lead.with_user(self.veteran).with_context(lang="tr_TR").action_claim()
        self.assertFalse(lead.user_id, "nothing changed")

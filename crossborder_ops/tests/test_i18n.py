# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import ValidationError
from odoo.modules.module import get_manifest
from odoo.tests import tagged
from odoo.tools.convert import convert_file

from .common import HiringCase, load_shipped_translations


@tagged("post_install", "-at_install", "crossborder_ops")
class TestHiringTranslations(HiringCase):
    """The shipped zh_CN and tr translations load and reach what users read."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_shipped_translations(cls.env, "crossborder_ops")

    def test_labels_and_menus_translated(self):
        job = self.env["hr.job"].with_context(lang="zh_CN")
        self.assertEqual(job.fields_get(["task_ids"])["task_ids"]["string"], "委派任务")
        kinds = dict(job.fields_get(["employment_kind"])["employment_kind"]["selection"])
        self.assertEqual(kinds["virtual_assistant"], "虚拟助理")
        menu = self.env.ref("crossborder_ops.crossborder_trial_menu").with_context(lang="tr_TR")
        self.assertEqual(menu.name, "Denemeler")

    def test_description_and_errors_in_the_users_language(self):
        self.job.with_context(lang="tr_TR").action_generate_description()
        self.assertIn("Haftada 20 saat", str(self.job.with_context(lang="tr_TR").description))
        with self.assertFails(ValidationError, "每周需要 .* 小时，超过该职位每周 9.0 小时"):
            self.job.with_context(lang="zh_CN").weekly_hours = 9


@tagged("post_install", "-at_install", "crossborder_ops")
class TestDemoLanguages(HiringCase):
    """The demo activates the languages the suite ships, so a demo user can choose
    Turkish or Chinese (played here on the demo file itself, not on demo data)."""

    def test_demo_file_activates_the_shipped_languages(self):
        manifest = get_manifest("crossborder_ops")
        self.assertIn("demo/res_lang_demo.xml", manifest["demo"])
        convert_file(self.env, "crossborder_ops", "demo/res_lang_demo.xml", {}, mode="init")
        langs = self.env["res.lang"].search([("code", "in", ("zh_CN", "tr_TR"))])
        self.assertEqual(len(langs), 2, "both active")
        choices = dict(self.env["res.users"].fields_get(["lang"])["lang"]["selection"])
        self.assertIn("tr_TR", choices)
        self.assertIn("zh_CN", choices)

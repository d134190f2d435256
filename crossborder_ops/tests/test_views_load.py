# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged
from odoo.tests.common import TransactionCase

SUITE = ("crossborder_ops", "crossborder_ops_helpdesk", "crossborder_ops_crm")


@tagged("post_install", "-at_install", "crossborder_ops")
class TestSuiteViewsLoad(TransactionCase):
    """What the web client asks first: field definitions and the views of every
    window action of the suite, for every model the suite defines or extends."""

    def test_field_definitions_and_action_views(self):
        data = self.env["ir.model.data"].search(
            [("module", "in", SUITE), ("model", "=", "ir.actions.act_window")]
        )
        actions = self.env["ir.actions.act_window"].browse(data.mapped("res_id"))
        models = set(actions.mapped("res_model"))
        field_data = self.env["ir.model.data"].search(
            [("module", "in", SUITE), ("model", "=", "ir.model.fields")]
        )
        models |= set(
            self.env["ir.model.fields"].browse(field_data.mapped("res_id")).mapped("model")
        )
        for model in sorted(models):
            with self.subTest(model=model):
                self.assertTrue(self.env[model].fields_get())
        for action in actions:
            with self.subTest(action=action.name):
                modes = [mode for mode in action.view_mode.split(",") if mode != "calendar"]
                views = self.env[action.res_model].get_views([(False, mode) for mode in modes])
                self.assertEqual(set(views["views"]), set(modes))

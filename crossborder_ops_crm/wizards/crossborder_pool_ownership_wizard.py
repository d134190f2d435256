# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from ..planners.customers import reconcile


class CrossborderPoolOwnershipWizard(models.TransientModel):
    """Switch a pool between per-lead and per-customer ownership. Towards
    customers, the customers held by several salespeople are listed, and
    confirming gives each one whole to the salesperson who took one of his leads
    last: nothing moves without the manager seeing it first."""

    _name = "crossborder.pool.ownership.wizard"
    _description = "Switch a pool's ownership"

    pool_id = fields.Many2one("crossborder.lead.pool", required=True, ondelete="cascade")
    ownership_mode = fields.Selection(
        [("lead", "Per lead"), ("customer", "Per customer")],
        string="Switch to",
        required=True,
    )
    split_count = fields.Integer(string="Customers held by several", compute="_compute_split")
    move_count = fields.Integer(string="Leads that change hands", compute="_compute_split")
    split_summary = fields.Text(string="Customers to settle", compute="_compute_split")

    @api.depends("pool_id", "ownership_mode")
    def _compute_split(self):
        for wizard in self:
            if wizard.ownership_mode != "customer" or not wizard.pool_id:
                wizard.split_count = wizard.move_count = 0
                wizard.split_summary = False
                continue
            pool = wizard.pool_id.sudo()  # figures for the manager (checked on confirm)
            splits = pool._split_customers()
            wizard.split_count = len(splits)
            store = self.env["crossborder.pool.store"]
            wizard.move_count = len(reconcile(store._unit_leads(pool))) if splits else 0
            wizard.split_summary = splits and pool._split_message(splits, limit=50)

    def action_confirm(self):
        self.ensure_one()
        pool = self.pool_id
        pool._check_pool_manager()
        pool = pool.sudo()  # checked above; the move reaches others' leads
        moved = 0
        if self.ownership_mode == "customer":
            moved = pool._reconcile_customers()
        pool.write({"ownership_mode": self.ownership_mode})
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "%(pool)s now works %(mode)s; %(count)s lead(s) changed hands.",
                    pool=pool.name,
                    mode=dict(self._fields["ownership_mode"]._description_selection(self.env))[
                        self.ownership_mode
                    ].lower(),
                    count=moved,
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.crossborder_pool_mover import Move
from ..planners.handover import share_customers


class CrossborderPoolHandover(models.TransientModel):
    """A salesperson leaves or changes team: his customers go to named colleagues
    or back to their pools, with their open leads, activities and history."""

    _name = "crossborder.pool.handover"
    _description = "Hand a salesperson's customers over"

    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        required=True,
        domain=[("share", "=", False)],
        help="Who leaves or changes team: his open leads are handed over.",
    )
    mode = fields.Selection(
        [("colleagues", "To colleagues"), ("pool", "Back to their pools")],
        string="Hand over",
        required=True,
        default="colleagues",
    )
    colleague_ids = fields.Many2many(
        "res.users",
        string="Colleagues",
        domain=[("share", "=", False)],
        help="Each customer goes whole to one of them, the biggest customers first to whoever "
        "has received the fewest leads. Caps do not apply to a manager's handover.",
    )
    note = fields.Text(help="What the next salesperson should know; written on every lead.")
    lead_count = fields.Integer(string="Open leads", compute="_compute_counts")
    customer_count = fields.Integer(string="Customers", compute="_compute_counts")

    @api.depends("user_id")
    def _compute_counts(self):
        for wizard in self:
            leads = wizard._open_leads()
            wizard.lead_count = len(leads)
            wizard.customer_count = len(set(wizard._customer_keys(leads).values()))

    def _open_leads(self):
        if not self.user_id:
            return self.env["crm.lead"]
        # sudo: a manager hands over every open lead of the person, whatever
        # record rules say (checked in action_handover)
        return (
            self.env["crm.lead"]
            .sudo()
            .search(
                [("user_id", "=", self.user_id.id), ("won_status", "=", "pending")],
                order="id",
            )
        )

    @api.model
    def _customer_keys(self, leads):
        return {
            lead.id: ("partner", lead.partner_id.commercial_partner_id.id)
            if lead.partner_id
            else ("lead", lead.id)
            for lead in leads
        }

    def action_handover(self):
        self.ensure_one()
        self.env["crossborder.lead.pool"]._check_pool_manager()
        leads = self._open_leads()
        if not leads:
            raise UserError(
                self.env._("%(user)s holds no open lead to hand over.", user=self.user_id.name)
            )
        if self.mode == "pool":
            no_pool = leads.filtered(lambda lead: not lead.pool_id)
            if no_pool:
                raise UserError(
                    self.env._(
                        "%(count)s of the leads are in no pool (for example %(lead)s): hand "
                        "them to colleagues.",
                        count=len(no_pool),
                        lead=no_pool[0].name,
                    )
                )
            leads.with_user(self.env.user)._release_to_pool("handover", self.note)
            message = self.env._(
                "%(count)s leads of %(user)s went back to their pools.",
                count=len(leads),
                user=self.user_id.name,
            )
        else:
            colleagues = self.colleague_ids - self.user_id
            if not colleagues:
                raise UserError(self.env._("Choose the colleagues who take the customers over."))
            message = self._hand_to_colleagues(leads, colleagues)
            beyond = self._beyond_the_caps(leads.filtered("pool_id"), colleagues)
            if beyond:
                message = f"{message} {beyond}"
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "warning" if self.mode == "colleagues" and beyond else "success",
                "sticky": bool(self.mode == "colleagues" and beyond),
                "message": message,
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def _beyond_the_caps(self, pooled, colleagues):
        """Caps do not apply to a manager's handover, but he is told what it
        did to them: the colleagues now above their private cap in a team, and
        those who got pool leads of a team they are not a member of (held
        outside every cap, until a manager adds them to the team)."""
        pooled.invalidate_recordset(["user_id"])  # their new owners
        teams = pooled.pool_id.team_id
        receivers = colleagues & pooled.user_id
        if not teams or not receivers:
            return ""
        members = (
            self.env["crm.team.member"]
            .sudo()
            .search([("user_id", "in", receivers.ids), ("crm_team_id", "in", teams.ids)])
        )
        caps = members._pool_caps()
        above = [
            self.env._(
                "%(user)s holds %(held)s of %(cap)s in %(team)s",
                user=member.user_id.name,
                held=caps[key]["held"],
                cap=caps[key]["private_cap"],
                team=member.crm_team_id.name,
            )
            for member in members
            if (key := (member.user_id.id, member.crm_team_id.id)) in caps
            and caps[key]["held"] > caps[key]["private_cap"]
        ]
        outside = [
            self.env._("%(user)s in %(team)s", user=user.name, team=team.name)
            for user in receivers
            for team in pooled.filtered(lambda lead, u=user: lead.user_id == u).pool_id.team_id
            if not members.filtered(lambda m, u=user, t=team: m.user_id == u and m.crm_team_id == t)
        ]
        parts = []
        if above:
            parts.append(self.env._("Above the private cap now: %s.", "; ".join(above)))
        if outside:
            parts.append(
                self.env._(
                    "Not members of the pool's team, so these leads count in no cap: %s.",
                    "; ".join(outside),
                )
            )
        return " ".join(parts)

    def _hand_to_colleagues(self, leads, colleagues):
        keys = self._customer_keys(leads)
        customers = {}
        for lead in leads:
            customers.setdefault(keys[lead.id], []).append(lead.id)
        owner = share_customers(list(customers.items()), colleagues.ids)
        from_id = self.user_id.id
        mover = self.env["crossborder.pool.mover"]
        rule = self.env["crossborder.pool.event"]._rule_code("handover", user=self.env.user.id)
        now = fields.Datetime.now()
        pooled = leads.filtered("pool_id")
        for pool, pool_leads in pooled.grouped("pool_id").items():
            mover._apply(
                pool,
                "handover",
                [Move(lead.id, from_id, owner[lead.id], rule) for lead in pool_leads],
                now=now,
                reason="handover",
                note=self.note,
                sql=False,
            )
        others = leads - pooled
        if others:
            # leads outside the pools: Odoo's own write, the same handover of
            # activities and followers, the same audit line
            Lead = self.env["crm.lead"].sudo()
            by_user = {}
            for lead in others:
                by_user.setdefault(owner[lead.id], []).append(lead.id)
            names = dict(
                self.env["res.users"].browse(list(by_user)).mapped(lambda u: (u.id, u.name))
            )
            for user_id, lead_ids in by_user.items():
                moved = Lead.browse(lead_ids)
                moved.write({"user_id": user_id})
                mover._handle_previous_owner_orm(moved, from_id, user_id)
            note = f" — {self.note}" if self.note else ""
            others._message_log_batch(
                {
                    lead.id: self.env._(
                        "Handed over from %(from_user)s to %(to_user)s by %(actor)s%(note)s.",
                        from_user=self.user_id.name,
                        to_user=names[owner[lead.id]],
                        actor=self.env.user.name,
                        note=note,
                    )
                    for lead in others
                }
            )
            self.env["crossborder.pool.event"].sudo().create(  # audit rows are system-owned
                [
                    {
                        "date": now,
                        "lead_id": lead.id,
                        "kind": "handover",
                        "reason": "handover",
                        "note": self.note or False,
                        "from_user_id": from_id,
                        "to_user_id": owner[lead.id],
                        "actor_id": self.env.user.id,
                        "rule": rule,
                    }
                    for lead in others
                ]
            )
        counts = {}
        for user_id in owner.values():
            counts[user_id] = counts.get(user_id, 0) + 1
        return self.env._(
            "%(count)s leads of %(user)s handed over: %(shares)s.",
            count=len(leads),
            user=self.user_id.name,
            shares=", ".join(
                f"{user.name} {counts[user.id]}" for user in colleagues if user.id in counts
            ),
        )

# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError

from ..monitor.recurrence import Occurrence, detect

DIMENSION_LABELS = [
    ("product", "Product"),
    ("country", "Destination country"),
    ("carrier", "Carrier"),
]


class CrossborderRecurrence(models.Model):
    """The same cause keeps coming back for the same product, country or carrier."""

    _name = "crossborder.recurrence"
    _description = "Recurring customer problem"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "state, last_date desc, id desc"
    _check_company_auto = True
    # departments and agents read recurrences and discuss them in the chatter
    _mail_post_access = "read"

    name = fields.Char(compute="_compute_name", store=True)
    root_cause_id = fields.Many2one(
        "crossborder.root.cause", required=True, index=True, readonly=True, check_company=True
    )
    link = fields.Selection(related="root_cause_id.link", store=True)
    department_id = fields.Many2one(
        "hr.department", related="root_cause_id.department_id", store=True, index=True
    )
    dimension = fields.Selection(DIMENSION_LABELS, required=True, readonly=True)
    product_id = fields.Many2one("product.product", readonly=True, check_company=True)
    country_id = fields.Many2one("res.country", readonly=True)
    carrier = fields.Char(readonly=True)
    ticket_ids = fields.Many2many(
        "helpdesk.ticket",
        "crossborder_recurrence_ticket_rel",
        "recurrence_id",
        "ticket_id",
        string="Tickets",
        readonly=True,
        check_company=True,
    )
    ticket_count = fields.Integer(compute="_compute_ticket_count", store=True)
    first_date = fields.Datetime(readonly=True)
    last_date = fields.Datetime(readonly=True)
    window_days = fields.Integer(readonly=True)
    state = fields.Selection(
        [("open", "Open"), ("closed", "Closed")], default="open", tracking=True, index=True
    )
    corrective_action_ids = fields.One2many("crossborder.corrective.action", "recurrence_id")
    company_id = fields.Many2one(
        "res.company",
        required=True,
        readonly=True,
        default=lambda self: self.env.company,
        index=True,
        help="Company of the tickets: recurrences never mix companies.",
    )

    @api.depends("root_cause_id.complete_name", "dimension", "product_id", "country_id", "carrier")
    def _compute_name(self):
        for rec in self:
            subject = {
                "product": rec.product_id.display_name,
                "country": rec.country_id.name,
                "carrier": rec.carrier,
            }.get(rec.dimension)
            rec.name = f"{rec.root_cause_id.complete_name} · {subject or ''}"

    @api.depends("ticket_ids")
    def _compute_ticket_count(self):
        for rec in self:
            rec.ticket_count = len(rec.ticket_ids)

    def action_close(self):
        """Close the recurrence: the problem stopped. An effective corrective action
        closes it by itself; by hand, a helpdesk manager decides, not the department
        the problem is traced to."""
        if not (self.env.su or self.env.user.has_group("helpdesk_mgmt.group_helpdesk_manager")):
            raise AccessError(
                self.env._(
                    "Only a helpdesk manager closes a recurrence by hand; an effective "
                    "corrective action closes it by itself."
                )
            )
        self.write({"state": "closed"})
        return True

    @api.model
    def _detect_for(self, tickets):
        """Look for recurrences around these tickets' causes (called when a cause is
        set). System work: it counts the tickets of every team of the tickets'
        companies and opens or extends recurrences whoever set the cause."""
        system = self.sudo()  # recurrences are opened by the system
        tickets = tickets.sudo()
        settings = self.env["res.config.settings"]
        threshold = settings._cbo_param("recurrence_threshold")
        window = settings._cbo_param("recurrence_window_days")
        causes = tickets.root_cause_id
        if not causes:
            return system.browse()
        newest = max(tickets.mapped("create_date"))
        oldest = min(tickets.mapped("create_date")) - timedelta(days=window)
        # one query for every ticket that can be in the same window
        peers = system.env["helpdesk.ticket"].search_fetch(
            [
                ("root_cause_id", "in", causes.ids),
                ("company_id", "in", tickets.company_id.ids),
                ("create_date", ">=", oldest),
                ("create_date", "<=", newest + timedelta(days=window)),
            ],
            [
                "root_cause_id",
                "create_date",
                "buyer_country_id",
                "carrier",
                "company_id",
                "product_id",
            ],
        )
        touched = system.browse()
        for company, company_peers in peers.grouped("company_id").items():
            occurrences = [
                Occurrence(
                    t.id,
                    t.root_cause_id.id,
                    t.create_date,
                    t.product_id.id or None,
                    t.buyer_country_id.id or None,
                    t.carrier or None,
                )
                for t in company_peers
            ]
            found = detect(occurrences, threshold, window)
            touched |= system._open_or_extend(found, company_peers, window, company)
        return touched

    def _open_or_extend(self, found, peers, window, company):
        if not found:
            return self.browse()
        by_id = {t.id: t for t in peers}
        existing = self.search(
            [
                ("state", "=", "open"),
                ("company_id", "=", company.id),
                ("root_cause_id", "in", [k[0] for k in found]),
            ]
        )
        index = {(r.root_cause_id.id, r.dimension, r._key_value()): r for r in existing}
        touched = self.browse()
        for (cause_id, dimension, value), ticket_ids in found.items():
            tickets = self.env["helpdesk.ticket"].browse(ticket_ids)
            dates = [by_id[i].create_date for i in ticket_ids]
            rec = index.get((cause_id, dimension, value))
            if rec:
                new = tickets - rec.ticket_ids
                if new:
                    rec.write({"ticket_ids": [(4, t.id) for t in new], "last_date": max(dates)})
                    touched |= rec
                continue
            values = {
                "root_cause_id": cause_id,
                "dimension": dimension,
                "ticket_ids": [(6, 0, ticket_ids)],
                "first_date": min(dates),
                "last_date": max(dates),
                "window_days": window,
                "company_id": company.id,
                "product_id": value if dimension == "product" else False,
                "country_id": value if dimension == "country" else False,
                "carrier": by_id[ticket_ids[0]].carrier if dimension == "carrier" else False,
            }
            rec = self.create(values)
            manager = rec.department_id.manager_id.user_id
            rec.message_post(
                body=self.env._(
                    "%(count)s tickets with the cause %(cause)s within %(days)s days.",
                    count=len(ticket_ids),
                    cause=rec.root_cause_id.complete_name,
                    days=window,
                ),
                subtype_xmlid="mail.mt_note",
            )
            if manager:
                rec.activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=self.env._("Recurring problem: decide a corrective action"),
                    user_id=manager.id,
                )
            touched |= rec
        return touched

    def _key_value(self):
        self.ensure_one()
        if self.dimension == "product":
            return self.product_id.id
        if self.dimension == "country":
            return self.country_id.id
        return (self.carrier or "").strip().lower() or None

    def action_new_corrective_action(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "crossborder.corrective.action",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_recurrence_id": self.id,
                "default_root_cause_id": self.root_cause_id.id,
                "default_department_id": self.department_id.id,
                "default_product_id": self.product_id.id,
                "default_country_id": self.country_id.id,
                "default_name": self.env._("Stop: %(name)s", name=self.name),
            },
        }

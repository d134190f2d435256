# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

LINKS = [
    ("product_development", "Product development"),
    ("procurement", "Procurement"),
    ("packaging", "Packaging"),
    ("warehousing", "Warehousing"),
    ("logistics", "Logistics"),
    ("customs", "Customs clearance"),
    ("listing", "Listing / platform"),
    ("payment", "Payment"),
    ("customer_service", "Customer service"),
    ("no_fault", "Customer error / no fault"),
]


class CrossborderRootCause(models.Model):
    """Why a customer had a problem: the link of the chain that failed and the
    department responsible for it (the seed, 002: trace responsibility to the link
    that failed so the problem does not recur)."""

    _name = "crossborder.root.cause"
    _description = "Root cause of a customer problem"
    _parent_store = True
    _order = "complete_name"
    _rec_name = "complete_name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    complete_name = fields.Char(
        compute="_compute_complete_name", store=True, recursive=True, string="Full name"
    )
    parent_id = fields.Many2one(
        "crossborder.root.cause", ondelete="restrict", index=True, check_company=True
    )
    parent_path = fields.Char(index=True, string="Parent path")
    child_ids = fields.One2many("crossborder.root.cause", "parent_id", string="Sub-causes")
    active = fields.Boolean(default=True)
    link = fields.Selection(
        LINKS,
        string="Link of the chain",
        compute="_compute_link",
        recursive=True,
        store=True,
        readonly=False,
        help="Where in the chain the problem was caused. Sub-causes inherit it.",
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Responsible department",
        compute="_compute_department_id",
        recursive=True,
        store=True,
        readonly=False,
        check_company=True,
        help="Receives the feedback on this cause and confirms or disputes attributions.",
    )
    company_id = fields.Many2one(
        "res.company",
        compute="_compute_company_id",
        store=True,
        readonly=False,
        recursive=True,
        index=True,
        help="The company of the responsible department: its tickets only may take the "
        "cause. Empty: a cause shared by every company (no department to blame).",
    )
    description = fields.Text(translate=True)
    template_ids = fields.Many2many(
        "mail.template",
        string="Answer templates",
        domain=[("model", "=", "helpdesk.ticket")],
        help="Replies agents can insert on tickets with this cause.",
    )
    ticket_count = fields.Integer(compute="_compute_ticket_count", string="Number of tickets")

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for cause in self:
            cause.complete_name = (
                f"{cause.parent_id.complete_name} / {cause.name}" if cause.parent_id else cause.name
            )

    @api.depends("parent_id.link")
    def _compute_link(self):
        for cause in self:
            if cause.parent_id and not cause.link:
                cause.link = cause.parent_id.link

    @api.depends("parent_id.department_id")
    def _compute_department_id(self):
        for cause in self:
            if cause.parent_id and not cause.department_id:
                cause.department_id = cause.parent_id.department_id

    @api.depends("department_id.company_id", "parent_id.company_id")
    def _compute_company_id(self):
        for cause in self:
            cause.company_id = cause.department_id.company_id or cause.parent_id.company_id

    def write(self, vals):
        if not {"department_id", "parent_id"} & set(vals):
            return super().write(vals)
        # sudo: the departments of these causes and their sub-causes, whose
        # recurrences follow a cause's department, whoever moves it
        causes = self.sudo().search([("id", "child_of", self.ids)])
        before = causes.department_id
        result = super().write(vals)
        causes._check_company_of_its_tickets()
        # the to-dos of the recurrences moved go to their new department's manager
        # (outside audit 70, M7)
        departments = before | causes.department_id
        if departments:
            departments._cbo_todos_follow()
        # and those of a cause left without department are nobody's: its former
        # manager kept them, and nobody could take them off (outside audit 75, M3)
        self.env["crossborder.recurrence"].sudo().search(
            [("root_cause_id", "in", causes.ids), ("department_id", "=", False)]
        )._cbo_drop_decide_todos()
        return result

    def _check_company_of_its_tickets(self):
        """A cause tickets were traced to keeps a department of their company:
        given one of another company, the tickets kept a cause their helpdesk
        managers could no longer read (outside audit 75, M4)."""
        # sudo: every ticket of the cause counts, whoever moves it
        tickets = (
            self.env["helpdesk.ticket"]
            .sudo()
            .with_context(active_test=False)
            .search([("root_cause_id", "in", self.filtered("company_id").ids)])
            .filtered(lambda ticket: ticket.company_id != ticket.root_cause_id.company_id)
        )
        if tickets:
            raise ValidationError(
                self.env._(
                    "Tickets of %(company)s are traced to %(cause)s: its department stays "
                    "one of %(company)s.",
                    company=tickets[0].company_id.name,
                    cause=tickets[0].root_cause_id.complete_name,
                )
            )

    def _compute_ticket_count(self):
        counts = dict(
            self.env["helpdesk.ticket"]._read_group(
                [("root_cause_id", "in", self.ids)], ["root_cause_id"], ["__count"]
            )
        )
        for cause in self:
            cause.ticket_count = counts.get(cause, 0)

    @api.constrains("link", "parent_id")
    def _check_link(self):
        if self._has_cycle():
            raise ValidationError(self.env._("A cause cannot be its own parent."))
        for cause in self:
            if not cause.link:
                raise ValidationError(
                    self.env._(
                        "The cause %(cause)s needs the link of the chain that failed "
                        "(product development, procurement, packaging, ...).",
                        cause=cause.name,
                    )
                )

# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from ..chain.blame import default_party

BLAME_PARTIES = [
    ("supplier", "The product's supplier"),
    ("carrier", "The carrier"),
    ("shipper", "Who shipped the order"),
    ("none", "Nobody outside the department"),
]


class CrossborderRootCause(models.Model):
    _inherit = "crossborder.root.cause"

    blame_party = fields.Selection(
        BLAME_PARTIES,
        string="Blame reaches",
        compute="_compute_blame_party",
        store=True,
        readonly=False,
        recursive=True,
        help="Who outside the department the tickets of this cause name, so that the "
        "weekly feedback can say it: the supplier for procurement, the carrier for "
        "logistics and customs clearance, who shipped the order for warehousing and "
        "packaging, nobody for our own decisions (product development, listing...). "
        "Set from the parent cause or the link when the cause is created; change it "
        "here, e.g. a manufacturing defect reaches the supplier.",
    )

    @api.depends("link", "parent_id.blame_party")
    def _compute_blame_party(self):
        for cause in self:
            if not cause.blame_party:
                cause.blame_party = cause.parent_id.blame_party or default_party(cause.link)

    def write(self, vals):
        result = super().write(vals)
        if {"blame_party", "parent_id", "link"} & set(vals):
            # its sub-causes too: one left empty takes its parent's (audit 70)
            self.search(
                [("id", "child_of", self.ids), ("blame_party", "=", "supplier")]
            )._cbo_name_suppliers()
        return result

    def _cbo_name_suppliers(self):
        """The tickets of these causes, now blaming the product's supplier, name
        one, as a ticket given such a cause does: those without take their
        product's main vendor, and one whose product has none is refused. Left
        empty, their problems reached no supplier's scorecard (outside audit 68,
        L4)."""
        # sudo: every ticket of the cause, whoever sets what its blame reaches;
        # archived ones too, which the scorecards count
        tickets = (
            self.env["helpdesk.ticket"]
            .sudo()
            .with_context(active_test=False)
            .search([("root_cause_id", "in", self.ids), ("supplier_id", "=", False)])
        )
        for vendor, named in tickets.grouped(lambda t: t._product_vendors()[:1]).items():
            if not vendor:
                raise UserError(
                    self.env._(
                        "Tickets of %(cause)s name no supplier and their product has no "
                        "vendor (%(tickets)s): give them their product or supplier before "
                        "this cause blames the supplier.",
                        cause=named[0].root_cause_id.display_name,
                        tickets=", ".join(named[:3].mapped("display_name")),
                    )
                )
            named.supplier_id = vendor

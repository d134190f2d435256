# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.safe_eval import safe_eval


class CrossborderOverviewTile(models.Model):
    """One counter of the owner's Ops overview: what waits for someone, and a click
    to the list of it. Each area of the suite brings its tiles as data records; a
    tile whose model is not installed does not show."""

    _name = "crossborder.overview.tile"
    _description = "Counter of the Ops overview"
    _order = "sequence, id"

    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    name = fields.Char(required=True, translate=True)
    description = fields.Char(translate=True, help="One line under the counter.")
    model_name = fields.Char(
        string="Model", required=True, help="Technical name of the records counted."
    )
    domain = fields.Char(
        default="[]",
        required=True,
        help="Which records count, as in a filter; may use uid, context_today() and relativedelta.",
    )
    module_name = fields.Char(
        string="Addon", help="Technical name of the addon the tile needs; empty: none."
    )
    action_xmlid = fields.Char(
        string="Action", help="External id of the window action the tile opens."
    )
    group_ids = fields.Many2many(
        "res.groups", string="Shown to", help="Empty: everyone who may read the records."
    )
    available = fields.Boolean(
        compute="_compute_available",
        search="_search_available",
        help="The addon the tile needs is installed.",
    )
    count = fields.Integer(compute="_compute_count")

    @api.depends("module_name", "model_name")
    def _compute_available(self):
        installed = self._installed_modules()
        for tile in self:
            tile.available = tile.model_name in self.env and (
                not tile.module_name or tile.module_name in installed
            )

    def _search_available(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        domain = [
            "|",
            ("module_name", "=", False),
            ("module_name", "in", list(self._installed_modules())),
        ]
        return domain if (operator == "=") == value else ["!", *domain]

    @api.model
    def _installed_modules(self):
        # safe: the names of the installed addons, to show or hide tiles
        modules = (
            self.env["ir.module.module"]
            .sudo()
            .search_fetch([("state", "=", "installed")], ["name"])
        )
        return set(modules.mapped("name"))

    @api.depends_context("uid")
    def _compute_count(self):
        # one count per tile: each tile counts other records of another model
        for tile in self:
            model = tile._records_model()
            tile.count = model.search_count(tile._records_domain()) if model is not None else 0

    @api.constrains("model_name", "domain")
    def _check_domain(self):
        for tile in self.filtered("available"):
            try:
                tile._records_domain()
            except Exception as error:
                raise ValidationError(
                    self.env._(
                        "The filter of the tile %(tile)s cannot be read: %(error)s",
                        tile=tile.name,
                        error=error,
                    )
                ) from error

    def _records_model(self):
        """The counted model for the current user, or None when it is not installed or
        he may not read it."""
        self.ensure_one()
        if self.model_name not in self.env:
            return None
        model = self.env[self.model_name]
        return model if model.has_access("read") else None

    def _records_domain(self):
        self.ensure_one()
        return safe_eval(
            self.domain or "[]",
            {
                "uid": self.env.uid,
                "context_today": lambda: fields.Date.context_today(self),
                "relativedelta": relativedelta,
            },
        )

    def action_open(self):
        self.ensure_one()
        if self.action_xmlid:
            action = self.env["ir.actions.act_window"]._for_xml_id(self.action_xmlid)
        else:
            action = {
                "type": "ir.actions.act_window",
                "res_model": self.model_name,
                "views": [(False, "list"), (False, "form")],
            }
        action["domain"] = self._records_domain()
        action["display_name"] = self.name
        return action

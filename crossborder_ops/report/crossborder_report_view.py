# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models, tools
from odoo.tools import SQL


class CrossborderReportView(models.AbstractModel):
    """The suite's reports read from SQL views: a report (``_auto = False``) gives
    its query in ``_query()`` and this creates its view from it."""

    _name = "crossborder.report.view"
    _description = "Report read from an SQL view"

    def _query(self):
        raise NotImplementedError

    def init(self):
        if self._abstract:  # this model and the other mixins have no view
            return
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._query())
        )

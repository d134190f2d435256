# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.exceptions import AccessError


class IrRule(models.Model):
    """Reading hidden records (crossborder.hidden.records.mixin) by id is
    refused with the suite's reason on every path: Odoo reads stored fields
    through a search, which leaves them out, and refuses the records missing
    from it with its generic error instead."""

    _inherit = "ir.rule"

    def _make_access_error(self, operation, records):
        if isinstance(records, self.pool["crossborder.hidden.records.mixin"]) and (
            records._crossborder_hidden_among(operation)
        ):
            return AccessError(records._crossborder_hidden_reason())
        return super()._make_access_error(operation, records)

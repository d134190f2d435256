# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Plain functions over plain data (no ORM): who in the chain a cause reaches,
what a problem cost, and whether a product fits its destination."""

# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Access matrix of crossborder_ops_helpdesk (helpdesk): fixtures and expected cells.

Empty for now: the engineer of crossborder_ops_helpdesk fills it in. Read by
tests/test_access_matrix.py, which says the format (see access_matrix_hiring.py for
an example); an empty MATRIX is skipped, a filled one must cover every model of the
addon for every role."""

ADDON = "crossborder_ops_helpdesk"

# groups this addon adds to a role of test_access_matrix.ROLE_GROUPS, or new roles
ROLE_GROUPS = {}


def fixtures(ctx):
    """{fixture name: ctx.Fixture(record, write=vals, create=vals)}, built as superuser."""
    return {}


# (fixture name, role, "rwcu"): read, write, create, unlink; "-" = refused
MATRIX = []

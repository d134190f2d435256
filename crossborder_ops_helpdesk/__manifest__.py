# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Crossborder Ops - Customer Service",
    "summary": "Customer service as the team's monitor: CS stages, root causes "
    "traced to the failing link, department feedback, country specs",
    "version": "19.0.1.0.0",
    "category": "After-Sales",
    "website": "https://github.com/crossborder-ops/crossborder-ops",
    "author": "Crossborder Ops",
    "maintainers": ["crossborder-ops"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "depends": [
        "crossborder_ops",
        "helpdesk_mgmt",
    ],
    "data": [
        "views/crossborder_ops_helpdesk_menus.xml",
    ],
}

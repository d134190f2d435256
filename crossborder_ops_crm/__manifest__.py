# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Crossborder Ops - High Seas Customer Pool",
    "summary": "Public pool of B2B customers: claim and release, private and "
    "claim caps, recycling of idle leads, scheduled rotation",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/crossborder-ops/crossborder-ops",
    "author": "Crossborder Ops",
    "maintainers": ["crossborder-ops"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "depends": [
        "crossborder_ops",
        "crm",
    ],
    "data": [
        "views/crossborder_ops_crm_menus.xml",
    ],
}

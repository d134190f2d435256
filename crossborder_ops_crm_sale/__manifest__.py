# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Crossborder Ops - High Seas Pool and Quotations",
    "summary": "A lead waiting in the high seas pool is claimed before a salesperson "
    "makes a quotation on it",
    "version": "19.0.1.12.0",
    "category": "Sales/CRM",
    "website": "https://github.com/crossborder-ops/crossborder-ops",
    "author": "Crossborder Ops",
    "maintainers": ["crossborder-ops"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "depends": [
        "crossborder_ops_crm",
        "sale_crm",
    ],
    "data": ["views/sale_order_views.xml"],
    "auto_install": True,
    "post_init_hook": "post_init_hook",
}

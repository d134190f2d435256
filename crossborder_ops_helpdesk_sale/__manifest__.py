# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Crossborder Ops - Customer Service and Orders",
    "summary": "Tickets tied to the order, its deliveries, carrier, products and "
    "supplier: marketplace messages in, cost of each problem, problem rates",
    "version": "19.0.1.19.0",
    "category": "After-Sales",
    "website": "https://github.com/crossborder-ops/crossborder-ops",
    "author": "Crossborder Ops",
    "maintainers": ["crossborder-ops"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "depends": [
        "crossborder_ops_helpdesk",
        "helpdesk_mgmt_sale",
        "helpdesk_product",
        "sale_stock",
        "stock_delivery",
    ],
    "data": [
        "security/ir.model.access.csv",
        # --- order, cost and attribution ---
        "data/crossborder_country_spec_data.xml",
        "data/crossborder_root_cause_data.xml",
        "data/mail_template_data.xml",
        # --- end order, cost and attribution ---
        # problem rates and scorecards (begin)
        "security/crossborder_rate_report_security.xml",
        "data/crossborder_rate_report_data.xml",
        "views/crossborder_rate_report_views.xml",
        # problem rates and scorecards (end)
        "views/helpdesk_ticket_views.xml",
        # --- marketplace intake ---
        "data/helpdesk_ticket_channel_data.xml",
        "views/helpdesk_ticket_intake_views.xml",
        # --- order, cost and attribution ---
        "views/account_move_views.xml",
        "views/crossborder_country_spec_views.xml",
        "views/crossborder_root_cause_views.xml",
        "views/product_template_views.xml",
        "views/sale_order_views.xml",
        "views/stock_picking_views.xml",
        # --- end order, cost and attribution ---
    ],
    "demo": [
        "demo/crossborder_ops_helpdesk_sale_demo.xml",
        # --- marketplace intake ---
        "demo/marketplace_intake_demo.xml",
        "demo/rates_demo.xml",  # problem rates and scorecards
    ],
    "auto_install": False,
}

# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Crossborder Ops - High Seas Customer Pool",
    "summary": "Public pool of B2B customers: claim and release, private and "
    "claim caps, recycling of idle leads, scheduled rotation",
    "version": "19.0.2.28.0",
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
        "security/crossborder_ops_crm_security.xml",
        "security/ir.model.access.csv",
        "data/crossborder_sales_tier_data.xml",
        "data/mail_activity_type_data.xml",
        "data/ir_cron_data.xml",
        "data/crossborder_trial_measure_data.xml",
        "views/crossborder_lead_pool_views.xml",
        "views/crossborder_sales_tier_views.xml",
        "views/crossborder_pool_event_views.xml",
        "views/crossborder_rotation_run_views.xml",
        "views/crossborder_pool_snapshot_views.xml",
        "views/crossborder_pool_report_views.xml",
        "views/crossborder_rotation_lift_report_views.xml",
        "views/crossborder_rotation_share_report_views.xml",
        "views/crm_team_member_views.xml",
        "views/crm_lead_views.xml",
        "views/crossborder_wizard_views.xml",
        "views/res_config_settings_views.xml",
        "views/crossborder_ops_crm_menus.xml",
    ],
    "demo": [
        "demo/crossborder_ops_crm_demo.xml",
        "demo/crossborder_pool_snapshot_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "crossborder_ops_crm/static/tests/tours/*.js",
        ],
    },
    "uninstall_hook": "uninstall_hook",
}

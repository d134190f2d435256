# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Crossborder Ops - Customer Service",
    "summary": "Customer service as the team's monitor: CS stages, root causes "
    "traced to the failing link, department feedback, country specs",
    "version": "19.0.2.37.0",
    "category": "After-Sales",
    "website": "https://github.com/crossborder-ops/crossborder-ops",
    "author": "Crossborder Ops",
    "maintainers": ["crossborder-ops"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "depends": [
        "crossborder_ops",
        "helpdesk_mgmt",
        "helpdesk_mgmt_sla",
        "helpdesk_product",
        "hr",
    ],
    "data": [
        "security/crossborder_ops_helpdesk_security.xml",
        "security/ir.model.access.csv",
        "data/crossborder_root_cause_data.xml",
        "data/helpdesk_data.xml",
        "data/mail_template_data.xml",
        "data/mail_message_subtype_data.xml",
        "data/crossborder_trial_measure_data.xml",
        "data/crossborder_country_spec_data.xml",
        "data/crossborder_size_chart_data.xml",
        "data/crossborder_auto_reply_subject_data.xml",
        "views/helpdesk_ticket_views.xml",
        "views/helpdesk_ticket_templates.xml",
        "views/crossborder_config_views.xml",
        "views/helpdesk_ticket_team_routing_views.xml",
        "views/crossborder_monitor_views.xml",
        # --- numbers ---
        "views/helpdesk_ticket_numbers_views.xml",
        "views/res_config_settings_views.xml",
        "views/crossborder_ops_helpdesk_menus.xml",
        "report/crossborder_feedback_report.xml",
        # --- buyer-message SLA (issue 12, item 5) ---
        "security/crossborder_buyer_message_security.xml",
        "data/crossborder_buyer_message_data.xml",
        "views/crossborder_buyer_message_views.xml",
        # --- end buyer-message SLA ---
    ],
    "demo": [
        "demo/res_company_demo.xml",
        "demo/crossborder_ops_helpdesk_demo.xml",
        "demo/helpdesk_ticket_demo.xml",
        "demo/crossborder_corrective_action_demo.xml",
        # --- buyer-message SLA (issue 12, item 5) ---
        "demo/crossborder_buyer_message_demo.xml",
        # --- end buyer-message SLA ---
        # --- numbers ---
        "demo/crossborder_numbers_demo.xml",
        "demo/crossborder_trial_measure_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "crossborder_ops_helpdesk/static/src/scss/helpdesk_ticket.scss",
        ],
        "web.assets_tests": [
            "crossborder_ops_helpdesk/static/tests/tours/*.js",
        ],
    },
    "uninstall_hook": "uninstall_hook",
}

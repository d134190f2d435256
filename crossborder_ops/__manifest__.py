# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Crossborder Ops",
    "summary": "Operations team of a cross-border store: hiring part-timers "
    "and virtual assistants, skill tests, trial periods",
    "version": "19.0.2.1.0",
    "category": "Human Resources/Recruitment",
    "website": "https://github.com/crossborder-ops/crossborder-ops",
    "author": "Crossborder Ops",
    "maintainers": ["crossborder-ops"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "application": True,
    "depends": [
        "hr_recruitment",
        "hr_recruitment_survey",
        "survey",
    ],
    "data": [
        "security/crossborder_ops_security.xml",
        "security/ir.model.access.csv",
        "data/ir_config_parameter_data.xml",
        "data/hr_recruitment_data.xml",
        "data/crossborder_situational_question_data.xml",
        "data/crossborder_onboarding_item_data.xml",
        "report/crossborder_trial_agreement.xml",
        "views/hr_job_views.xml",
        "views/crossborder_skill_test_views.xml",
        "views/hr_applicant_views.xml",
        "views/crossborder_trial_views.xml",
        "views/crossborder_hiring_report_views.xml",
        "views/crossborder_wizard_views.xml",
        "views/crossborder_hiring_config_views.xml",
        "views/crossborder_overview_tile_views.xml",
        "data/crossborder_overview_tile_data.xml",
        "views/res_config_settings_views.xml",
        "views/survey_templates.xml",
        "views/crossborder_ops_menus.xml",
    ],
    "demo": [
        "demo/res_lang_demo.xml",
        "demo/crossborder_ops_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "crossborder_ops/static/tests/tours/*.js",
        ],
    },
}

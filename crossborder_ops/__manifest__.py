# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Crossborder Ops",
    "summary": "Operations team of a cross-border store: hiring part-timers "
    "and virtual assistants, skill tests, trial periods",
    "version": "19.0.2.0.0",
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
        "data/hr_recruitment_data.xml",
        "data/crossborder_trial_measure_data.xml",
        "data/hr_departure_reason_data.xml",
        "report/crossborder_trial_agreement.xml",
        "views/hr_job_views.xml",
        "views/crossborder_skill_test_views.xml",
        "views/hr_applicant_views.xml",
        "views/crossborder_trial_views.xml",
        "views/crossborder_hiring_report_views.xml",
        "views/crossborder_wizard_views.xml",
        "views/crossborder_trial_measure_views.xml",
        "views/res_config_settings_views.xml",
        "views/survey_templates.xml",
        "views/crossborder_ops_menus.xml",
        "views/crossborder_test_outcome_report_views.xml",
        "views/hr_employee_hours_views.xml",
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

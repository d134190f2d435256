# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Crossborder Ops",
    "summary": "Operations team of a cross-border store: hiring part-timers "
    "and virtual assistants, skill tests, trial periods",
    "version": "19.0.1.0.0",
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
        "views/crossborder_ops_menus.xml",
        "views/res_config_settings_views.xml",
    ],
}

/* Copyright 2026 Crossborder Ops
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

// The manager opens a trial, measures its expected results, looks at the
// tickets behind the first-response number, and decides.
registry.category("web_tour.tours").add("crossborder_trial_measured_decision", {
    steps: () => [
        {
            content: "The trial's expected results",
            trigger:
                '.o_field_widget[name=result_ids] .o_data_row:contains("Fast first answers")',
        },
        {
            content: "Measure them now",
            trigger: "button[name=action_refresh_measures]",
            run: "click",
        },
        {
            content: "First response: 2.5 hours measured",
            trigger:
                '.o_data_row:contains("Fast first answers") td[name=actual]:contains("2.50")',
        },
        {
            content: "Open the tickets behind the number",
            trigger:
                '.o_data_row:contains("Fast first answers") button[name=action_open_measured_records]',
            run: "click",
        },
        {
            content: "The four answered tickets of the trial",
            trigger: '.o_list_view .o_data_row:contains("T-measure 3")',
        },
        {
            content: "Back to the trial",
            trigger: ".o_breadcrumb .o_back_button a, .o_breadcrumb li:first a",
            run: "click",
        },
        {
            content: "Decide",
            trigger: "button[name=action_open_decision]",
            run: "click",
        },
        {
            content: "Target against actual in the decision",
            trigger:
                '.modal .o_field_widget[name=result_ids] .o_data_row:contains("Solved for good")',
        },
        {
            content: "Extend the trial",
            trigger: ".modal .o_field_widget[name=decision] input[data-value=extend]",
            run: "click",
        },
        {
            content: "New end date",
            trigger: ".modal .o_field_widget[name=new_end_date] input",
            run: "edit 03/25/2026",
        },
        {
            content: "Apply",
            trigger: ".modal button[name=action_apply]",
            run: "click",
        },
        {
            content: "The trial is extended",
            trigger:
                ".o_statusbar_status button[data-value=extended].o_arrow_button_current",
        },
    ],
});

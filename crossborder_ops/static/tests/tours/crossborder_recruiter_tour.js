/* Copyright 2026 Crossborder Ops
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
import {registry} from "@web/core/registry";

// The owner hands a task over: the position gets its task, its description and
// its skill test, written from the task.
registry.category("web_tour.tours").add("crossborder_recruiter_position", {
    steps: () => [
        {
            content: "Open the tasks of the position",
            trigger: ".o_notebook a[name='crossborder_tasks']",
            run: "click",
        },
        {
            content: "Add a task",
            trigger: "div[name='task_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "What is handed over",
            trigger: "div[name='task_ids'] .o_data_row td[name='name'] input",
            run: "edit Answer buyer messages",
        },
        {
            content: "How long it takes on the job",
            trigger:
                "div[name='task_ids'] .o_data_row td[name='minutes_per_occurrence'] input",
            run: "edit 20",
        },
        {
            content: "The expected result",
            trigger:
                "div[name='task_ids'] .o_data_row td[name='expected_result'] input",
            run: "edit first answer within 4 hours",
        },
        {
            content: "Save the position",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Write the description from the tasks",
            trigger: "button[name='action_generate_description']",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "Open the skill tests of the position",
            trigger: "body:not(:has(.modal)) button[name='action_view_skill_tests']",
            run: "click",
        },
        {
            content: "New skill test",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Name it",
            trigger: ".o_form_view div[name='name'] input",
            run: "edit Tour CS test",
        },
        {
            content: "Generate it from the tasks",
            trigger: "button[name='action_generate_survey']",
            run: "click",
        },
        {
            content: "The questions are written",
            trigger: "button[name='action_open_survey']",
        },
    ],
});

// The recruiter sends the skill test to an applicant.
registry.category("web_tour.tours").add("crossborder_recruiter_send", {
    steps: () => [
        {
            content: "Open the skill tests of the applicant",
            trigger: ".o_notebook a[name='crossborder_skill_tests']",
            run: "click",
        },
        {
            content: "Send a skill test",
            trigger: "button[name='action_send_skill_test']",
            run: "click",
        },
        {
            content: "Send it",
            trigger: ".modal button[name='action_send']",
            run: "click",
        },
        {
            content: "Sent",
            trigger: "body:not(:has(.modal)) div[name='invitation_ids'] .o_data_row",
        },
    ],
});

// A reviewer grades the submitted test from the grading queue.
registry.category("web_tour.tours").add("crossborder_recruiter_grade", {
    steps: () => [
        {
            content: "Grade the submitted test",
            trigger: ".o_data_row:contains('Tour Tina') button[name='action_grade']",
            run: "click",
        },
        {
            content: "Nothing graded yet: the score is blank",
            trigger: ".modal .o_data_row:eq(0) td[name='score']:not(:contains('0'))",
            run: "click",
        },
        {
            content: "Give 5",
            trigger: ".modal .o_data_row:eq(0) td[name='score'] input",
            run: "edit 5",
        },
        {
            content: "Save the grades",
            trigger: ".modal button[name='action_save']",
            run: "click",
        },
        {
            content: "Back to the queue",
            trigger: "body:not(:has(.modal))",
        },
    ],
});

// The manager rates the trial and decides on long-term work.
registry.category("web_tour.tours").add("crossborder_recruiter_decide", {
    steps: () => [
        {
            content: "Rate the expected result",
            trigger: "div[name='result_ids'] .o_data_row:eq(0) td[name='rating']",
            run: "click",
        },
        {
            content: "Open the ratings",
            trigger:
                "div[name='result_ids'] .o_selected_row td[name='rating'] .o_select_menu_toggler",
            run: "click",
        },
        {
            content: "Met",
            trigger: ".o_select_menu_item:contains('Met')",
            run: "click",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Decide",
            trigger: ".o_form_saved button[name='action_open_decision']",
            run: "click",
        },
        {
            content: "Nothing is decided for the manager",
            trigger: ".modal div[name='decision'] input:not(:checked)",
        },
        {
            content: "Confirm long-term work",
            trigger: ".modal div[name='decision'] input[data-value='confirm']",
            run: "click",
        },
        {
            content: "Apply the decision",
            trigger: ".modal button[name='action_apply']",
            run: "click",
        },
        {
            content: "The trial is confirmed",
            trigger:
                "body:not(:has(.modal)) .o_statusbar_status button.o_arrow_button_current:contains('Confirmed')",
        },
    ],
});

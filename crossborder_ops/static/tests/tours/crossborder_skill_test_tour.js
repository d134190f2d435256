/* Copyright 2026 Crossborder Ops
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
import {registry} from "@web/core/registry";

// The applicant opens the link of the e-mail, answers the tasks and the
// situational questions, and submits before the deadline.
registry.category("web_tour.tours").add("crossborder_skill_test_applicant", {
    steps: () => [
        {
            content: "Start the test",
            trigger: 'button.btn:contains("Start")',
            run: "click",
        },
        {
            content: "Answer the first task",
            trigger:
                'div.js_question-wrapper:contains("Answer buyer messages") textarea',
            run: "edit Dear buyer, your parcel left our warehouse yesterday; here is the tracking number.",
        },
        {
            content: "Answer the second task",
            trigger:
                'div.js_question-wrapper:contains("Write product descriptions") textarea',
            run: "edit Soft cotton T-shirt, EU size M = US S, machine wash 30°C.",
        },
        {
            content: "Customs situation",
            trigger:
                'div.js_question-wrapper:contains("stuck in customs") label:contains("check the tracking")',
            run: "click",
        },
        {
            content: "Design files situation",
            trigger:
                'div.js_question-wrapper:contains("source files") label:contains("confidentiality agreement")',
            run: "click",
        },
        {
            content: "Late translation situation",
            trigger:
                'div.js_question-wrapper:contains("listing translation") label:contains("Tell the manager early")',
            run: "click",
        },
        {
            content: "Submit",
            trigger: 'button[value="finish"]',
            run: "click",
        },
        {
            content: "Confirm the submission",
            trigger: ".modal-footer button.btn-primary",
            run: "click",
        },
        {
            content: "Thank you page",
            trigger: ".o_survey_finished:contains('we received your test')",
        },
    ],
});

// A reviewer grades the open answers from the grading queue.
registry.category("web_tour.tours").add("crossborder_skill_test_grading", {
    steps: () => [
        {
            content: "Grade the submitted test",
            trigger: ".o_data_row:contains('Tour Tina') button[name='action_grade']",
            run: "click",
        },
        {
            content: "The answer is shown to the reviewer",
            trigger: ".modal .o_data_row:first:contains('tracking number')",
        },
        {
            content: "Score the first criterion",
            trigger: ".modal .o_data_row:eq(0) td[name='score']",
            run: "click",
        },
        {
            content: "Give 4",
            trigger: ".modal .o_data_row:eq(0) td[name='score'] input",
            run: "edit 4",
        },
        {
            content: "Score the second criterion",
            trigger: ".modal .o_data_row:eq(1) td[name='score']",
            run: "click",
        },
        {
            content: "Give 5",
            trigger: ".modal .o_data_row:eq(1) td[name='score'] input",
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

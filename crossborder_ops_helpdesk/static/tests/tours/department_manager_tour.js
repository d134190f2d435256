/* Copyright 2026 Crossborder Ops
   License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

// A department manager answers for the tickets traced to his department:
// confirms one, disputes another (only with a note).
registry.category("web_tour.tours").add("crossborder_department_tickets", {
    steps: () => [
        {
            content: "his list shows the cause and his answer",
            trigger:
                ".o_list_view .o_data_row:contains('Tour: blue instead of red'):contains('Wrong item picked'):contains('Waiting for the department') .o_data_cell[name=name]",
            run: "click",
        },
        {
            trigger: ".o_form_view button[name=action_open_attribution_wizard]",
            run: "click",
        },
        {
            content: "the window shows the cause and what the customer wrote",
            trigger:
                ".modal .o_field_widget[name=summary]:contains('Wrong item picked'):contains('I ordered red')",
        },
        {
            trigger: ".modal button[name=action_apply]",
            run: "click",
        },
        {
            trigger:
                "body:not(:has(.modal)) .o_field_widget[name=attribution_state]:contains('Confirmed')",
        },
        {
            trigger: ".o_breadcrumb a:contains('Tickets traced to my department')",
            run: "click",
        },
        {
            trigger:
                ".o_list_view .o_data_row:contains('Tour: parcel never came') .o_data_cell[name=name]",
            run: "click",
        },
        {
            trigger: ".o_form_view button[name=action_open_attribution_wizard]",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=answer] input[data-value=dispute]",
            run: "click",
        },
        {
            content: "a dispute without a note",
            trigger: ".modal button[name=action_apply]",
            run: "click",
        },
        {
            content: "is not accepted",
            trigger: ".modal .o_field_widget.o_field_invalid[name=note]",
        },
        {
            trigger: ".modal .o_field_widget[name=note] textarea",
            run: "edit The carrier lost it: the scan shows it left our warehouse.",
        },
        {
            trigger: ".modal button[name=action_apply]",
            run: "click",
        },
        {
            trigger:
                "body:not(:has(.modal)) .o_field_widget[name=attribution_state]:contains('Disputed')",
        },
    ],
});

// The same manager reads his feedback, acknowledges it and records a corrective
// action, pre-filled from the feedback.
registry.category("web_tour.tours").add("crossborder_department_feedback", {
    steps: () => [
        {
            trigger:
                ".o_list_view .o_data_row:contains('T-Warehouse') .o_data_cell[name=department_id]",
            run: "click",
        },
        {
            content: "1 problem, in the singular",
            trigger:
                ".o_field_widget[name=body_html]:contains('1 customer problem traced')",
        },
        {
            trigger: ".o_form_view button[name=action_acknowledge]",
            run: "click",
        },
        {
            trigger:
                ".o_statusbar_status button.o_arrow_button_current:contains('Acknowledged')",
        },
        {
            trigger: ".o_form_view button[name=action_new_corrective_action]",
            run: "click",
        },
        {
            content:
                "pre-filled from the feedback; no Done and no rates before it is saved",
            trigger:
                ".o_form_view:has(.o_field_widget[name=root_cause_id] input):not(:has(button[name=action_done])):not(:has(.o_field_widget[name=rate_before]))",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "saved, it can be marked done",
            trigger: ".o_form_view button[name=action_done]",
        },
    ],
});

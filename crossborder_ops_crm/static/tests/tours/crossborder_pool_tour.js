/* Copyright 2026 Crossborder Ops
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
import {registry} from "@web/core/registry";

const tours = registry.category("web_tour.tours");

// A new salesperson opens the pool (her landing page): one column per pool,
// contact details masked until she claims; she claims a lead and is told
// where it went; the next claim is refused at her claim cap.
tours.add("crossborder_pool_salesperson_claim", {
    steps: () => [
        {
            content: "The pool: one column per pool",
            trigger: ".o_kanban_group .o_column_title:contains('Europe')",
        },
        {
            content: "A lead waits for her",
            trigger: ".o_kanban_record:contains('Paris concept store')",
        },
        {
            content: "Switch to the list",
            trigger: "button.o_switch_view.o_list",
            run: "click",
        },
        {
            content: "The customer's e-mail is masked until the lead is claimed",
            trigger:
                ".o_data_row:contains('Paris concept store') td[name=email_from]:contains('•••@atelier.example')",
        },
        {
            content: "The full address shows nowhere",
            trigger: ".o_list_renderer:not(:contains('buyer@atelier.example'))",
        },
        {
            content: "Claim the lead",
            trigger:
                ".o_data_row:contains('Paris concept store') button[name=action_claim]",
            run: "click",
        },
        {
            content: "The notification links to the claimed lead",
            trigger:
                ".o_notification:contains('You claimed') a:contains('Paris concept store')",
        },
        {
            content: "It left the pool",
            trigger: ".o_list_renderer:not(:contains('Paris concept store'))",
        },
        {
            content: "Claim one more",
            trigger:
                ".o_data_row:contains('Barcelona baby products') button[name=action_claim]",
            run: "click",
        },
        {
            content: "Refused in plain words at the claim cap",
            trigger: ".modal:contains('Your claim cap is 1 leads a week')",
        },
        {
            content: "Close the refusal",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The lead still waits in the pool",
            trigger: ".o_data_row:contains('Barcelona baby products')",
        },
    ],
});

// Her caps: the gauge counts the lead she claimed.
tours.add("crossborder_pool_salesperson_caps", {
    steps: () => [
        {
            content: "Private leads held against the cap",
            trigger: ".o_kanban_record:contains('Private leads'):contains('3 / 4')",
        },
        {
            content: "Claims this week against the claim cap",
            trigger: ".o_kanban_record:contains('Claims'):contains('1 of 1 this week')",
        },
    ],
});

// She gives a lead back with a reason; the window says a cool-down follows.
tours.add("crossborder_pool_salesperson_release", {
    steps: () => [
        {
            content: "My leads: when each goes back to the pool",
            trigger:
                ".o_data_row:contains('Paris concept store') td[name=pool_recycle_date]",
        },
        {
            content: "Open the claimed lead",
            trigger: ".o_data_row:contains('Paris concept store') td[name=name]",
            run: "click",
        },
        {
            content: "Release it",
            trigger: ".o_form_view button[name=action_open_release_wizard]",
            run: "click",
        },
        {
            content: "The window says a cool-down follows",
            trigger: ".modal:contains('you cannot claim them again for 30 days')",
        },
        {
            content: "Open the reasons",
            trigger: ".modal .o_field_widget[name=reason] .o_select_menu_toggler",
            run: "click",
        },
        {
            content: "Give the reason",
            trigger: ".o_select_menu_item:contains('Customer not interested now')",
            run: "click",
        },
        {
            content: "Tell the next salesperson",
            trigger: ".modal .o_field_widget[name=note] textarea",
            run: "edit Buys only in spring; call back in March.",
        },
        {
            content: "Release",
            trigger: ".modal button[name=action_release]",
            run: "click",
        },
        {
            content: "Back in the pool: the banner says when she may claim it again",
            trigger: ".o_form_view .alert:contains('you can claim it again from')",
        },
        {
            content: "No Claim button for her during the cool-down",
            trigger:
                ".o_form_view .o_form_statusbar:not(:has(button[name=action_claim]))",
        },
    ],
});

// The pool manager previews the next rotation, rotates exactly that, and
// reads the run and its events.
tours.add("crossborder_pool_manager_rotation", {
    steps: () => [
        {
            content: "Preview the rotation of the pool",
            trigger: ".o_form_view button[name=action_preview_rotation]",
            run: "click",
        },
        {
            content: "Each line says who would get the lead and why",
            trigger: ".modal .o_data_row:contains('Round robin')",
        },
        {
            content: "Rotate as previewed",
            trigger: ".modal button[name=action_rotate_as_previewed]",
            run: "click",
        },
        {
            content: "Confirm: it cannot be undone",
            trigger: ".modal:contains('cannot be undone') .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The run: who received how many",
            trigger: ".o_form_view [name=assigned_count]",
        },
        {
            content: "Its events, each with its rule in words",
            trigger:
                ".o_form_view [name=event_ids] .o_data_row:contains('Round robin')",
        },
    ],
});

/* Copyright 2026 Crossborder Ops
   License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

// An after-sales agent on a marketplace ticket: the buyer's country specs and the
// size converter, an answer template in the buyer's language, and closing, which
// needs a root cause.
registry.category("web_tour.tours").add("crossborder_cs_agent", {
    steps: () => [
        {
            content: "the agents' tickets are grouped by CS stage",
            trigger: ".o_kanban_group .o_column_title:contains('After-sales')",
        },
        {
            content: "the card shows channel, country and CS stage",
            trigger:
                ".o_kanban_record:contains('Tour: dress far too small'):contains('Amazon'):contains('United States')",
            run: "click",
        },
        {
            content: "open the country specs and the size converter",
            trigger: ".o_form_view button[name=action_open_country_specs]",
            run: "click",
        },
        {
            content: "the buyer's country specs",
            trigger: ".modal .o_field_widget[name=spec_summary]:not(:empty)",
        },
        {
            content: "a letter size of the CN chart",
            trigger: ".modal .o_field_widget[name=value] input",
            run: "edit M && press Tab",
        },
        {
            content: "found: CN M is 170/88A",
            trigger: ".modal .o_field_widget[name=result]:contains('170/88A')",
        },
        {
            content: "a size the chart does not have",
            trigger: ".modal .o_field_widget[name=value] input",
            run: "edit XXXXL && press Tab",
        },
        {
            content: "no insert of an error",
            trigger:
                ".modal:has(.o_field_widget[name=result]:contains('No size')):not(:has(button[name=action_insert_size]))",
        },
        {
            trigger: ".modal .o_field_widget[name=value] input",
            run: "edit M && press Tab",
        },
        {
            content: "insert the size into a reply",
            trigger: ".modal button[name=action_insert_size]",
            run: "click",
        },
        {
            content: "the reply is addressed and titled",
            trigger:
                ".modal:has(.modal-title:contains('Reply to Bea Buyer')):has(.o_field_widget[name=body]:contains('170/88A'))",
        },
        {
            trigger: ".modal button[name=action_send_mail]",
            run: "click",
        },
        {
            content: "closing without a root cause",
            trigger:
                ".o_form_view:not(:has(.modal)) .o_statusbar_status button:contains('Done')",
            run: "click",
        },
        {
            content: "is refused",
            trigger: ".modal:contains('root cause')",
        },
        {
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "classify the problem",
            trigger: "body:not(:has(.modal)) .o_field_widget[name=root_cause_id] input",
            run: "edit Tour size chart",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('Tour size chart')",
            run: "click",
        },
        {
            content: "the cause has a template",
            trigger: ".o_form_view button[name=action_reply_with_template]",
            run: "click",
        },
        {
            content: "the template in the buyer's language, greeting the buyer",
            trigger:
                ".modal:has(.modal-title:contains('Reply to Bea Buyer')) .o_field_widget[name=body]:contains('Bea Buyer,')",
        },
        {
            trigger: ".modal button[name=action_send_mail]",
            run: "click",
        },
        {
            // the stage asked for before stays chosen: saved with the cause, it closes
            content: "now the ticket is closed",
            trigger:
                "body:not(:has(.modal)) .o_statusbar_status button.o_arrow_button_current:contains('Done')",
        },
        {
            trigger: ".o_form_view .o_form_saved",
        },
    ],
});

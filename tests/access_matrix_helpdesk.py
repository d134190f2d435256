# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Access matrix of crossborder_ops_helpdesk (customer service): fixtures and expected
cells. Read by tests/test_access_matrix.py, which says the format.

The people: the three helpdesk agents (own, team, all: OCA helpdesk_mgmt's ladder)
work in one team; the own agent is assigned the ticket, whose cause is traced to the
department manager's department and whose customer is the portal user. A second,
unassigned ticket of another team and another department shows the lower rungs what
they do not see. Measured figures, attributions and verdicts are the system's: no
role writes them by hand, the helpdesk manager included (he uses the buttons)."""

from datetime import date

from access_matrix_roles import INTERNAL_READ, NOBODY, ROLES, rows

ADDON = "crossborder_ops_helpdesk"

ROLE_GROUPS = {}


def fixtures(ctx):
    env, users, Fixture = ctx.env, ctx.users, ctx.Fixture
    agents = users["helpdesk_agent_own"] | users["helpdesk_agent_team"]
    agents |= users["helpdesk_agent_all"]
    team = env["helpdesk.ticket.team"].create(
        {"name": "Matrix CS", "user_ids": [(6, 0, agents.ids)]}
    )
    other_team = env["helpdesk.ticket.team"].create({"name": "Matrix other CS"})
    other_department = env["hr.department"].create({"name": "Logistics (matrix)"})
    Cause = env["crossborder.root.cause"]
    cause = Cause.create(
        {"name": "Matrix wrong item", "link": "warehousing", "department_id": ctx.department.id}
    )
    other_cause = Cause.create(
        {"name": "Matrix late", "link": "logistics", "department_id": other_department.id}
    )
    spare_cause = Cause.create(
        {"name": "Matrix label torn", "parent_id": cause.id}
    )  # nothing refers to it: it can be deleted
    Ticket = env["helpdesk.ticket"]
    ticket = Ticket.create(
        {
            "name": "Matrix: wrong colour",
            "description": "<p>Blue instead of red</p>",
            "team_id": team.id,
            "user_id": users["helpdesk_agent_own"].id,
            "partner_id": users["portal"].partner_id.id,
            "root_cause_id": cause.id,
        }
    )
    other_ticket = Ticket.create(
        {
            "name": "Matrix: late parcel",
            "description": "<p>Three weeks</p>",
            "team_id": other_team.id,
            "root_cause_id": other_cause.id,
        }
    )
    Recurrence = env["crossborder.recurrence"]
    recurrence = Recurrence.create(
        {
            "root_cause_id": cause.id,
            "dimension": "carrier",
            "carrier": "DHL",
            "ticket_ids": [(6, 0, ticket.ids)],
        }
    )
    other_recurrence = Recurrence.create(
        {
            "root_cause_id": other_cause.id,
            "dimension": "carrier",
            "carrier": "4PX",
            "ticket_ids": [(6, 0, other_ticket.ids)],
        }
    )
    Action = env["crossborder.corrective.action"]
    owner = users["helpdesk_manager"].id
    action = Action.create(
        {
            "name": "Matrix: scan before packing",
            "department_id": ctx.department.id,
            "root_cause_id": cause.id,
            "recurrence_id": recurrence.id,
            "owner_id": owner,
        }
    )
    done_action = Action.create(
        {
            "name": "Matrix: label the shelves",
            "department_id": ctx.department.id,
            "root_cause_id": cause.id,
            "recurrence_id": recurrence.id,
            "owner_id": owner,
            "state": "done",
            "done_date": date(2026, 1, 5),
        }
    )
    other_action = Action.create(
        {
            "name": "Matrix: faster carrier",
            "department_id": other_department.id,
            "root_cause_id": other_cause.id,
            "recurrence_id": other_recurrence.id,
            "owner_id": owner,
        }
    )
    period = {"date_from": date(2026, 1, 5), "date_to": date(2026, 1, 11)}
    feedback = env["crossborder.feedback"].create(
        {
            "department_id": ctx.department.id,
            **period,
            "line_ids": [(0, 0, {"root_cause_id": cause.id, "link": "warehousing", "count": 1})],
        }
    )
    Spec = env["crossborder.country.spec"]
    spec = Spec.search([], limit=1)
    free_country = env["res.country"].search([("id", "not in", Spec.search([]).country_id.ids)])
    chart = env["crossborder.size.chart"].search([], limit=1)
    auto_subject = env["crossborder.auto.reply.subject"].search([], limit=1)
    env.flush_all()
    # a buyer's message starts a response clock (issue 12): the agents' to read
    message = ticket.message_post(
        body="Where is my parcel?",
        author_id=users["portal"].partner_id.id,
        message_type="email",
        subtype_xmlid="mail.mt_comment",
    )
    clock = env["crossborder.buyer.message"].search([("message_id", "=", message.id)]) or env[
        "crossborder.buyer.message"
    ].create({"ticket_id": ticket.id, "message_id": message.id, "received_date": message.date})
    assert clock, "the matrix needs a clock"
    env.flush_all()
    response_report = env["crossborder.response.report"].search(
        [("buyer_message_id", "=", clock.id)]
    )
    assert response_report, "the matrix needs a report line"
    ticket_report = env["crossborder.ticket.report"].search([("ticket_id", "=", ticket.id)])
    workload = env["crossborder.workload.report"].search(
        [("user_id", "=", users["helpdesk_agent_own"].id), ("team_id", "=", team.id)]
    )
    assert ticket_report and workload, "the reports show the fixtures' ticket"
    new_ticket = {"name": "Matrix: new", "description": "<p>New</p>", "team_id": team.id}
    return {
        "ticket": Fixture(ticket, write={"priority": "2"}, create=new_ticket),
        # a department's answer, KPIs: the system's, whoever writes them
        "ticket (forged attribution)": Fixture(
            ticket, write={"attribution_state": "confirmed", "reopen_count": 0}
        ),
        "ticket (other team)": Fixture(other_ticket, write={"priority": "2"}),
        "root cause": Fixture(
            spare_cause,
            write={"description": "The picker took the next bin"},
            create={"name": "Matrix: crushed box", "link": "packaging"},
        ),
        "recurrence": Fixture(
            recurrence,
            write={"state": "closed"},
            create={
                "root_cause_id": cause.id,
                "dimension": "carrier",
                "carrier": "Yanwen",
                "ticket_ids": [(6, 0, ticket.ids)],
            },
        ),
        "recurrence (other team)": Fixture(other_recurrence, write={"state": "closed"}),
        "corrective action": Fixture(
            action,
            write={"description": "<p>Scanner on every bench</p>"},
            create={"name": "Matrix: new action", "department_id": ctx.department.id},
        ),
        # the department certifying itself: state and verdict are the system's
        "corrective action (forged verdict)": Fixture(
            done_action,
            write={"state": "verified", "effectiveness": "effective", "rate_after": 0.0},
            create={
                "name": "Matrix: verified already",
                "department_id": ctx.department.id,
                "state": "verified",
                "effectiveness": "effective",
            },
        ),
        "corrective action (other team)": Fixture(
            other_action, write={"description": "<p>Switch to DHL</p>"}
        ),
        "feedback": Fixture(
            feedback,
            write={"top_products": "Dress: 3"},
            create={"department_id": ctx.department.id, **period, "date_to": date(2026, 1, 12)},
        ),
        "feedback line": Fixture(
            feedback.line_ids,
            write={"count": 2},
            create={"feedback_id": feedback.id, "root_cause_id": cause.id, "count": 1},
        ),
        "country spec": Fixture(
            spec, write={"voltage": "230 V"}, create={"country_id": free_country[:1].id}
        ),
        "size chart": Fixture(
            chart, write={"label": "XXXL"}, create={"category": "men_tops", "label": "5XL"}
        ),
        "auto reply subject": Fixture(
            auto_subject, write={"name": "Matrix away:"}, create={"name": "Matrix gone:"}
        ),
        "ticket report": Fixture(ticket_report),
        "buyer message clock": Fixture(
            clock,
            write={"state": "met"},
            create={"ticket_id": ticket.id, "message_id": clock.message_id.id},
        ),
        "response report": Fixture(response_report),
        "workload report": Fixture(workload),
        # wizards: anyone's wizard is read and changed by its creator only
        "attribution wizard": Fixture(
            env["crossborder.attribution.wizard"].create({"ticket_ids": [(6, 0, ticket.ids)]}),
            create={"ticket_ids": [(6, 0, ticket.ids)], "answer": "dispute"},
        ),
        "size converter": Fixture(
            env["crossborder.size.converter"].create({"ticket_id": ticket.id}),
            create={"category": "women_shoes", "system": "eu", "value": "38"},
        ),
    }


_AGENTS = ("helpdesk_agent_own", "helpdesk_agent_team", "helpdesk_agent_all")


def _agents(cells):
    return dict.fromkeys(_AGENTS, cells)


_INTERNAL_WIZARD = {role: "--c-" for role in ROLES if role != "portal"}

MATRIX = [
    # tickets: OCA's ladder for agents; the department reads what is traced to it; the
    # customer reads his own (the blame fields are internal: see test_rpc_attacks.py)
    *rows(
        "ticket",
        NOBODY,
        **_agents("rwc-"),
        department_manager="r---",
        helpdesk_manager="rwcu",
        portal="r---",
    ),
    *rows(
        "ticket (forged attribution)",
        NOBODY,
        **_agents("r---"),
        department_manager="r---",
        helpdesk_manager="r--u",
        portal="r---",
    ),
    *rows(
        "ticket (other team)",
        NOBODY,
        helpdesk_agent_all="rw--",
        helpdesk_manager="rw-u",
    ),
    # the taxonomy: every employee reads it, helpdesk managers keep it
    *rows("root cause", NOBODY, **{**INTERNAL_READ, "helpdesk_manager": "rwcu"}),
    # recurrences: opened, counted and withdrawn by the system; agents read those
    # of their rung, the department its own; a helpdesk manager closes one with its
    # button, and nobody writes, makes or deletes one by hand (outside audits 71, 72)
    *rows(
        "recurrence",
        NOBODY,
        **_agents("r---"),
        department_manager="r---",
        helpdesk_manager="r---",
    ),
    *rows(
        "recurrence (other team)",
        NOBODY,
        helpdesk_agent_all="r---",
        helpdesk_manager="r---",
    ),
    # corrective actions: the department and the agents of the recurrence's tickets
    # work on them; nobody writes a verdict by hand, and an action that answers a
    # recurrence is deleted by a settings administrator only (outside audit 81, F2)
    *rows(
        "corrective action",
        NOBODY,
        **_agents("rwc-"),
        department_manager="rwc-",
        helpdesk_manager="rwc-",
    ),
    *rows(
        "corrective action (forged verdict)",
        NOBODY,
        **_agents("r---"),
        department_manager="r---",
        helpdesk_manager="r---",
    ),
    *rows(
        "corrective action (other team)",
        NOBODY,
        helpdesk_agent_all="rw--",
        helpdesk_manager="rw--",
    ),
    # feedback: written by the scheduled action only, read by its department
    *rows("feedback", NOBODY, department_manager="r---", helpdesk_manager="r---"),
    *rows("feedback line", NOBODY, department_manager="r---", helpdesk_manager="r---"),
    # reference data for every employee, kept by helpdesk managers
    *rows("country spec", NOBODY, **{**INTERNAL_READ, "helpdesk_manager": "rwcu"}),
    *rows("size chart", NOBODY, **{**INTERNAL_READ, "helpdesk_manager": "rwcu"}),
    # what marks an automatic reply: read by the mail gateway, kept by helpdesk managers
    *rows("auto reply subject", NOBODY, **_agents("r---"), helpdesk_manager="rwcu"),
    # reports: the all-tickets rung and above; the department its own problems
    *rows(
        "ticket report",
        NOBODY,
        helpdesk_agent_all="r---",
        department_manager="r---",
        helpdesk_manager="r---",
    ),
    *rows("workload report", NOBODY, helpdesk_agent_all="r---", helpdesk_manager="r---"),
    # response clocks of buyer messages: read along the agents' ladder, written by the
    # system only (the reply, or the agent's "No response needed" button)
    *rows("buyer message clock", NOBODY, **_agents("r---"), helpdesk_manager="r---"),
    *rows("response report", NOBODY, helpdesk_agent_all="r---", helpdesk_manager="r---"),
    # the department (or a helpdesk manager) answers for an attribution
    *rows("attribution wizard", NOBODY, department_manager="--c-", helpdesk_manager="--c-"),
    *rows("size converter", NOBODY, **_INTERNAL_WIZARD),
]

# Copyright 2026 Crossborder Ops
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Who gets the next ticket: plain data in, a user id out.

The least busy available agent, where an agent's open tickets may be weighed by
his measured quality: with a quality weight w, an agent whose tickets come back
r % of the time counts as carrying w * r / 10 more tickets (w = 1: an agent at 20 %
counts two tickets more than one at 0 %). An agent outside his availability
window (a part-timer off his working hours, on leave, in exams) never gets one."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Agent:
    user_id: int
    load: int  # open tickets
    available: bool = True
    reopen_rate: float | None = None  # % of his recent tickets reopened; None: no history


def effective_load(agent, weight):
    return agent.load + weight * (agent.reopen_rate or 0.0) / 10.0


def pick(agents, weight=0.0):
    """The user id of the agent to route to, None when nobody is available."""
    available = [agent for agent in agents if agent.available]
    if not available:
        return None
    return min(available, key=lambda a: (effective_load(a, weight), a.load, a.user_id)).user_id

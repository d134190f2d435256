# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Write a job description from the tasks a position takes over.

The seed (004): list the tasks to delegate, then write the job description from
them: tasks, qualifications, weekly hours, pay, languages, location. Plain words,
editable afterwards.
"""

from dataclasses import dataclass, field

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Task:
    name: str
    value_class: str  # high / low / trivial
    minutes: float
    per_week: float
    expected_result: str = ""

    @property
    def weekly_minutes(self):
        return self.minutes * self.per_week


@dataclass(frozen=True)
class JobFacts:
    name: str
    kind_label: str
    weekly_hours: float
    pay_text: str
    location_text: str
    languages: list = field(default_factory=list)  # ["English (C1)", ...]
    qualifications: str = ""
    tasks: list = field(default_factory=list)


def hours_text(minutes):
    hours, rest = divmod(int(round(minutes)), 60)
    if hours and rest:
        return f"{hours} h {rest:02d}"
    return f"{hours} h" if hours else f"{rest} min"


def render_description(facts, labels):
    """HTML description. ``labels`` carries the translated headings."""
    tasks = [t for t in facts.tasks if t.value_class != "high"]
    parts = [
        Markup("<h2>%s</h2>") % facts.name,
        Markup("<p>%s</p>")
        % labels["intro"].format(kind=facts.kind_label, hours=f"{facts.weekly_hours:g}"),
        Markup("<h3>%s</h3>") % labels["tasks"],
        Markup("<ul>%s</ul>")
        % Markup("").join(
            Markup("<li><strong>%s</strong> — %s%s</li>")
            % (
                task.name,
                labels["time"].format(
                    per_week=f"{task.per_week:g}",
                    minutes=f"{task.minutes:g}",
                    total=hours_text(task.weekly_minutes),
                ),
                Markup(" ") + escape(labels["result"].format(result=task.expected_result))
                if task.expected_result
                else "",
            )
            for task in tasks
        ),
    ]
    if facts.qualifications:
        parts += [
            Markup("<h3>%s</h3>") % labels["qualifications"],
            Markup("<p>%s</p>") % facts.qualifications,
        ]
    if facts.languages:
        parts += [
            Markup("<h3>%s</h3>") % labels["languages"],
            Markup("<p>%s</p>") % ", ".join(facts.languages),
        ]
    parts += [
        Markup("<h3>%s</h3>") % labels["terms"],
        Markup("<ul><li>%s</li><li>%s</li><li>%s</li></ul>")
        % (
            labels["hours"].format(hours=f"{facts.weekly_hours:g}"),
            facts.pay_text,
            facts.location_text,
        ),
    ]
    return Markup("").join(parts)


def weekly_load_minutes(tasks):
    return sum(task.weekly_minutes for task in tasks)

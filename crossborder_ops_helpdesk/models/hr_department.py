# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.exceptions import UserError
from odoo.fields import Domain


class HrDepartment(models.Model):
    _inherit = "hr.department"

    def write(self, vals):
        before = (
            {department.id: department._cbo_manager_user() for department in self}
            if "manager_id" in vals
            else None
        )
        result = super().write(vals)
        if before is not None:
            self._cbo_todos_follow_manager(before)
        if "company_id" in vals:
            # its causes move with it, not away from their tickets (outside audit 75, M4)
            # sudo: every cause of the department and below, whoever moves it
            Cause = self.env["crossborder.root.cause"].sudo().with_context(active_test=False)
            causes = Cause.search([("department_id", "in", self.ids)])
            Cause.search([("id", "child_of", causes.ids)])._check_company_of_its_tickets()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_answering(self):
        """A department customer service wrote feedback to, or that causes are
        traced to, is archived, not deleted: the feedback is its history
        (deleted, its feedbacks lost their department and collided with the
        digest of all departments: outside audit 70, L9), and its causes'
        recurrences kept their to-dos with its manager (outside audit 71, M1)."""
        # sudo: every feedback and cause counts, whoever deletes the department
        for model in ("crossborder.feedback", "crossborder.root.cause"):
            found = (
                self.env[model]
                .sudo()
                .with_context(active_test=False)
                .search([("department_id", "in", self.ids)], limit=1)
            )
            if found:
                raise UserError(
                    self.env._(
                        "Customer service traces problems to %(department)s (its causes, "
                        "feedback and recurrences are its history): archive it instead, or "
                        "first give its causes another department.",
                        department=found.department_id.name,
                    )
                )

    def _cbo_manager_user(self):
        """The users who speak for these departments: their managers', while
        the managers are employed (an archived employee gets none of their to-dos,
        feedback or rights: outside audit 67), and his user active (outside
        audit 68). None for no department."""
        return self.sudo().manager_id.filtered("active").user_id.filtered("active")

    def _cbo_todos(self):
        """([the departments' feedbacks, their recurrences], the customer-service
        to-dos on them (acknowledge, decide an action), {(model, id): record})."""
        # sudo: the department's to-dos, whoever changes its manager or his user
        Feedback = self.env["crossborder.feedback"].sudo()
        Recurrence = self.env["crossborder.recurrence"].sudo()
        records = [
            Feedback.search([("department_id", "in", self.ids)]),
            Recurrence.search([("department_id", "in", self.ids)]),
        ]
        todos = (
            self.env["mail.activity"]
            .sudo()
            .search(
                Domain.OR(
                    Domain("res_model", "=", found._name) & Domain("res_id", "in", found.ids)
                    for found in records
                )
                & Domain("cbo_department_todo", "!=", False)
            )
        )
        record_of = {(record._name, record.id): record for found in records for record in found}
        return records, todos, record_of

    def _cbo_todos_follow(self):
        """The departments' to-dos go to whoever speaks for each now, whoever
        held them: after their records or their manager moved without a
        department's write (see _cbo_todos_follow_manager)."""
        self._cbo_todos_follow_manager(dict.fromkeys(self.ids, self.env["res.users"]))

    def _cbo_todos_follow_manager(self, before):
        """Customer service's open to-dos for a department (acknowledge a
        feedback, decide a corrective action for a recurrence) go to its new
        manager: the former one can no longer do them, and the new one had none
        (outside audit 59, F8). A department given its first manager (or a
        manager who is a user at last) gets a to-do for each feedback and
        recurrence still waiting for it, written while nobody could do it
        (outside audit 63). ``before``: {department id: its manager's user}.
        Whoever no longer speaks for the department (archived, his user archived
        or moved to another company, replaced by nobody) holds none of its to-dos
        there: they are written again for whoever speaks for it next (outside
        audits 68 and 69)."""
        records, todos, record_of = self._cbo_todos()
        with_todo = {(todo.res_model, todo.res_id) for todo in todos}
        waiting = [
            found._cbo_waiting_for_manager().filtered(
                lambda record: (record._name, record.id) not in with_todo
            )
            for found in records
        ]
        for department in self:
            old, new = before[department.id], department._cbo_manager_user()
            if not new or old == new:
                continue
            # whoever held them (a former manager, one whose employee had no user
            # yet: outside audit 67), in the companies the new manager works in
            todos.filtered(
                lambda todo, d=department, u=new: todo.user_id != u
                and (record := record_of[(todo.res_model, todo.res_id)]).department_id == d
                and record.company_id in u.company_ids
            ).write({"user_id": new.id})
            for found in waiting:
                found.filtered(
                    lambda record, d=department: record.department_id == d
                )._cbo_schedule_manager_todo(new)
        speaker = {department.id: department._cbo_manager_user() for department in self}
        todos.filtered(
            lambda todo: todo.user_id
            != speaker[(record := record_of[(todo.res_model, todo.res_id)]).department_id.id]
            or record.company_id
            and record.company_id not in todo.user_id.company_ids
        ).unlink()

# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who may do what, model by model and role by role (issue 11, "what it must show").

One table drives the test: each row says, for the record a fixture builds and one
role, whether reading, writing, creating and unlinking succeed. Each addon keeps its
rows and fixtures in its own data file, so the three addons are filled in without
editing one shared file:

* ``access_matrix_hiring.py`` (crossborder_ops)
* ``access_matrix_helpdesk.py`` (crossborder_ops_helpdesk)
* ``access_matrix_crm.py`` (crossborder_ops_crm)

A data file defines:

* ``ADDON``: the addon whose models it covers; once its ``MATRIX`` is not empty, every
  model of that addon must have a row for every role (checked here);
* ``ROLE_GROUPS`` (optional): groups it adds to a role, e.g. a helpdesk group the
  department manager needs; merged into :data:`ROLE_GROUPS` below;
* ``fixtures(ctx)``: returns ``{fixture name: ctx.Fixture(record, write=..., create=...)}``,
  built as superuser once for the class (``ctx`` gives the role users, their
  employees, a department and the company);
* ``MATRIX``: rows ``(fixture name, role, "rwcu")``; a letter means the operation
  succeeds, a ``-`` that it is refused with an ``AccessError``, in the order read,
  write, create, unlink. Read is ``check_access("read")``; write, create and unlink
  are real operations (rolled back), so guards in ``write``/``create`` count too.

Any other exception than an ``AccessError`` is an error of the fixture, not a refusal.

Wizards: Odoo 19 does not keep transient records to their creator by itself (any user
with access to the model reads and deletes another user's wizard by id); a rule
``[('create_uid', '=', user.id)]`` on the wizard does (see crossborder_ops).
"""

import importlib.util
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from access_matrix_roles import ROLE_GROUPS

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged
from odoo.tests.common import TransactionCase

HERE = Path(__file__).resolve().parent
DATA_FILES = ("access_matrix_hiring.py", "access_matrix_helpdesk.py", "access_matrix_crm.py")
OPERATIONS = ("read", "write", "create", "unlink")

# roles whose user is an employee (hr.employee linked to the user)
EMPLOYEE_ROLES = ("trainee", "employee", "department_manager")


@dataclass
class Fixture:
    """The record a row is about, and the values its write and create use. ``create``
    may be a callable ``(env) -> vals`` for values that must differ at each call."""

    record: Any
    write: dict = field(default_factory=dict)
    create: Any = None


@dataclass
class Context:
    env: Any
    users: dict
    employees: dict
    department: Any
    company: Any
    Fixture: type = Fixture


class _Rollback(Exception):
    """Undo an operation that succeeded."""


def load_data_files():
    modules = []
    for name in DATA_FILES:
        spec = importlib.util.spec_from_file_location(name[:-3], HERE / name)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        modules.append(module)
    return modules


def role_groups(modules):
    groups = {role: list(xmlids) for role, xmlids in ROLE_GROUPS.items()}
    for module in modules:
        for role, xmlids in getattr(module, "ROLE_GROUPS", {}).items():
            groups.setdefault(role, []).extend(xmlids)
    return groups


# Outside odoo.addons, Odoo sets no default tags: pytest-odoo needs them explicitly.
@tagged("post_install", "-at_install", "crossborder_ops")
class TestAccessMatrix(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.modules = load_data_files()
        cls.roles = role_groups(cls.modules)
        cls.users = {
            role: new_test_user(
                env,
                login=f"matrix_{role}",
                name=role.replace("_", " ").title(),
                groups=",".join(groups),
            )
            for role, groups in cls.roles.items()
        }
        employees = {
            role: env["hr.employee"].create(
                {"name": cls.users[role].name, "user_id": cls.users[role].id}
            )
            for role in EMPLOYEE_ROLES
        }
        department = env["hr.department"].create(
            {"name": "Warehouse (matrix)", "manager_id": employees["department_manager"].id}
        )
        employees["trainee"].write(
            {"department_id": department.id, "parent_id": employees["department_manager"].id}
        )
        cls.ctx = Context(env, cls.users, employees, department, env.company)
        cls.fixtures = {}
        for module in cls.modules:
            built = module.fixtures(cls.ctx) if module.MATRIX else {}
            clash = set(built) & set(cls.fixtures)
            assert not clash, f"fixture names used twice: {clash}"
            cls.fixtures.update(built)
        env.flush_all()

    # ------------------------------------------------------------------
    def _attempt(self, operation, fixture, user):
        """True if ``operation`` succeeds for ``user``, False if refused (AccessError)."""
        record = fixture.record.with_user(user)
        try:
            with self.env.cr.savepoint():
                if operation == "read":
                    record.check_access("read")
                elif operation == "write":
                    record.write(fixture.write)
                elif operation == "create":
                    values = (
                        fixture.create(self.env) if callable(fixture.create) else fixture.create
                    )
                    record.browse().create(dict(values))
                else:
                    record.unlink()
                self.env.flush_all()
                raise _Rollback
        except _Rollback:
            return True
        except AccessError:
            return False
        finally:
            self.env.invalidate_all(flush=False)

    def test_every_cell(self):
        mismatches, cells = [], 0
        for module in self.modules:
            for name, role, expected in module.MATRIX:
                self.assertIn(name, self.fixtures, f"{module.__name__}: no fixture {name!r}")
                self.assertIn(role, self.users, f"{module.__name__}: unknown role {role!r}")
                self.assertEqual(len(expected), 4, f"{name}/{role}: 'rwcu' or '-'s")
                fixture = self.fixtures[name]
                for operation, flag in zip(OPERATIONS, expected, strict=True):
                    if operation == "create" and fixture.create is None:
                        self.assertEqual(flag, "-", f"{name}: no create values for {role}")
                        continue
                    if operation == "write" and not fixture.write:
                        self.assertEqual(flag, "-", f"{name}: no write values for {role}")
                        continue
                    cells += 1
                    allowed = self._attempt(operation, fixture, self.users[role])
                    if allowed != (flag != "-"):
                        mismatches.append(
                            f"{name:<40} {role:<20} {operation:<6} expected "
                            f"{'allowed' if flag != '-' else 'refused'}, got "
                            f"{'allowed' if allowed else 'refused'}"
                        )
        self.assertFalse(
            mismatches, f"{len(mismatches)} of {cells} cells differ:\n" + "\n".join(mismatches)
        )

    def test_every_model_and_role_has_a_row(self):
        for module in self.modules:
            if not module.MATRIX:
                continue  # not filled in yet
            with self.subTest(addon=module.ADDON):
                data = self.env["ir.model.data"].search(
                    [("module", "=", module.ADDON), ("model", "=", "ir.model")]
                )
                models = {
                    name
                    for name in self.env["ir.model"].browse(data.mapped("res_id")).mapped("model")
                    if self.env[name]._original_module == module.ADDON  # defined, not extended
                    and not self.env[name]._transient
                    and not self.env[name]._abstract
                }
                covered = {}
                for name, role, _expected in module.MATRIX:
                    covered.setdefault(self.fixtures[name].record._name, set()).add(role)
                missing = [
                    f"{model} × {role}"
                    for model in sorted(models)
                    for role in sorted(self.users)
                    if role not in covered.get(model, ())
                ]
                self.assertFalse(missing, "rows missing:\n" + "\n".join(missing))

    def test_tables_are_well_formed(self):
        for module in self.modules:
            with self.subTest(data_file=module.__name__):
                self.assertTrue(module.ADDON)
                rows = [(name, role) for name, role, _expected in module.MATRIX]
                self.assertEqual(len(rows), len(set(rows)), "a (fixture, role) row is given once")

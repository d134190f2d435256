# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, timedelta

from odoo.tests import new_test_user
from odoo.tests.common import TransactionCase, freeze_time

from odoo.addons.crossborder_ops.tests.common import FailsWith, JsonRpc

SALESMAN = "sales_team.group_sale_salesman,crossborder_ops.group_crossborder_ops_user"
NOW = datetime(2026, 11, 2, 10, 0, 0)  # a Monday
EMAIL = "anna.schmidt@kunde-gmbh.example"  # a waiting lead's hidden contact
PHONE = "+49 30 1234567"


@freeze_time(NOW)
class PoolCase(FailsWith, TransactionCase):
    """Two pools of one team (EU, North America), tiers with small caps, a veteran
    and two new salespeople, a salesperson of another team.

    The clock stands at NOW for every class built on it: tenure (and so the tier)
    counts from the joined dates set here, whatever year the suite runs in."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        # own tiers only: the shipped defaults would compete on tenure
        env["crossborder.sales.tier"].search([]).active = False
        cls.tier_new = env["crossborder.sales.tier"].create(
            {
                "name": "T-New",
                "min_tenure_months": 0,
                "private_cap": 5,
                "claim_cap": 4,
                "claim_period": "week",
                "receives_rotation": True,
                "is_new_tier": True,
            }
        )
        cls.tier_veteran = env["crossborder.sales.tier"].create(
            {
                "name": "T-Veteran",
                "min_tenure_months": 6,
                "private_cap": 3,
                "claim_cap": 2,
                "claim_period": "week",
                "receives_rotation": False,
            }
        )
        cls.de, cls.fr, cls.us, cls.ca, cls.jp = (
            env.ref(f"base.{code}") for code in ("de", "fr", "us", "ca", "jp")
        )
        cls.veteran = new_test_user(env, login="cbo_vet", name="Vera Veteran", groups=SALESMAN)
        cls.new_a = new_test_user(env, login="cbo_new_a", name="Nadia New", groups=SALESMAN)
        cls.new_b = new_test_user(env, login="cbo_new_b", name="Noah New", groups=SALESMAN)
        cls.outsider = new_test_user(env, login="cbo_out", name="Otto Other", groups=SALESMAN)
        cls.manager = new_test_user(
            env,
            login="cbo_pool_mgr",
            name="Mia Manager",
            groups="crossborder_ops_crm.group_pool_manager," + SALESMAN,
        )
        # of every company there is: the salespeople of the demo's teams (there
        # may be) work in all, and she sets the pool of those of her companies
        cls.manager.company_ids = env["res.company"].search([])
        cls.team = env["crm.team"].create({"name": "Cross-border B2B", "member_ids": False})
        cls.other_team = env["crm.team"].create({"name": "Domestic", "member_ids": False})
        Member = env["crm.team.member"]
        cls.m_vet = Member.create(
            {
                "crm_team_id": cls.team.id,
                "user_id": cls.veteran.id,
                "joined_date": (NOW - timedelta(days=400)).date(),
            }
        )
        cls.m_new_a = Member.create(
            {
                "crm_team_id": cls.team.id,
                "user_id": cls.new_a.id,
                "joined_date": (NOW - timedelta(days=30)).date(),
            }
        )
        cls.m_new_b = Member.create(
            {
                "crm_team_id": cls.team.id,
                "user_id": cls.new_b.id,
                "joined_date": (NOW - timedelta(days=20)).date(),
            }
        )
        cls.m_out = Member.create({"crm_team_id": cls.other_team.id, "user_id": cls.outsider.id})
        Pool = env["crossborder.lead.pool"]
        cls.pool_eu = Pool.create(
            {
                "name": "EU",
                "team_id": cls.team.id,
                "country_ids": [(6, 0, [cls.de.id, cls.fr.id])],
                "manager_id": cls.manager.id,
                "followup_days": 14,
                "conversion_days": 60,
                "warn_days": 3,
                "cooldown_days": 30,
                "max_recycles": 3,
                "reserve_days": 2,
                "holdback_percent": 0.0,  # rotation tests expect every lead handed out
            }
        )
        cls.pool_na = Pool.create(
            {
                "name": "North America",
                "team_id": cls.team.id,
                "country_ids": [(6, 0, [cls.us.id, cls.ca.id])],
                "manager_id": cls.manager.id,
                "holdback_percent": 0.0,
            }
        )
        cls.pool_other = Pool.create(
            {"name": "Domestic pool", "team_id": cls.other_team.id, "holdback_percent": 0.0}
        )

    @classmethod
    def _waiting_customer_lead(cls, **values):
        """A lead waiting in the EU pool whose customer's contact is masked
        (``cls.customer``)."""
        cls.customer = cls.env["res.partner"].create(
            {"name": "Anna Schmidt", "email": EMAIL, "phone": PHONE}
        )
        return cls._lead(
            "Kunde GmbH",
            cls.de,
            partner_id=cls.customer.id,
            email_from=EMAIL,
            phone=PHONE,
            contact_name="Anna Schmidt",
            **values,
        )

    @classmethod
    def _new_sales_manager(cls):
        """Sam, a sales manager (not a pool manager): cbo_sales_mgr."""
        return new_test_user(
            cls.env,
            login="cbo_sales_mgr",
            name="Sam Sales-Manager",
            groups="sales_team.group_sale_manager," + SALESMAN,
        )

    @classmethod
    def _lead(cls, name, country=None, user=None, team=None, **values):
        vals = {
            "name": name,
            "type": "opportunity",
            "team_id": (team or cls.team).id,
            "country_id": (country or cls.de).id,
            "user_id": user.id if user else False,
        }
        vals.update(values)
        return cls.env["crm.lead"].create(vals)

    @classmethod
    def _waiting_customer(cls):
        """The pool EU working per customer, with a customer waiting there
        (Wartend GmbH, whose buyer Wanda its lead names) and a walk-in buyer
        of no pool: the fixture of the sales glue addons' tests."""
        cls.pool_eu.ownership_mode = "customer"
        Partner = cls.env["res.partner"]
        cls.waiting_co = Partner.create({"name": "Wartend GmbH", "is_company": True})
        cls.buyer = Partner.create({"name": "Wanda", "parent_id": cls.waiting_co.id})
        cls.own_buyer = Partner.create({"name": "Walk-in buyer"})
        cls.waiting = cls._lead("Wartend: pumps", partner_id=cls.buyer.id)

    def _events(self, leads, kind=None):
        domain = [("lead_id", "in", leads.ids)]
        if kind:
            domain.append(("kind", "=", kind))
        return self.env["crossborder.pool.event"].search(domain)


class RpcRefused(Exception):
    """An error the server answered to a JSON-RPC call."""


class PoolRpc(JsonRpc):
    """``call_kw`` as the web client makes it, as the user the HttpCase
    authenticated (use with HttpCase); a refusal raises RpcRefused."""

    def rpc(self, model, method, *args, **kwargs):
        """call_kw as the browser makes it; RpcRefused carries Odoo's message."""
        return self.route(
            f"/web/dataset/call_kw/{model}/{method}",
            model=model,
            method=method,
            args=list(args),
            kwargs=kwargs,
        )

    def route(self, path, **params):
        """A JSON route of the web client (call_kw, the mail routes)."""
        result, error = self._rpc(path, params)
        if error:
            raise RpcRefused(error["message"])
        return result

    def hold_meet_and_give_back(self, lead):
        """As the authenticated salesperson: claim the waiting lead, meet its
        customer and release it; the meeting stays hers. Its id."""
        self.rpc("crm.lead", "action_claim", [lead.id])
        meeting = self.rpc(
            "calendar.event",
            "create",
            {
                "name": "Call",
                "start": "2026-11-11 09:00:00",
                "stop": "2026-11-11 10:00:00",
                "opportunity_id": lead.id,
            },
        )
        wizard = self.rpc(
            "crossborder.lead.release.wizard", "create", {"lead_ids": [(6, 0, lead.ids)]}
        )
        self.rpc("crossborder.lead.release.wizard", "action_release", [wizard])
        lead.invalidate_recordset()
        self.assertFalse(lead.user_id, "waiting again")
        return meeting

    def assertRpcRefused(self, pattern, model, method, *args, **kwargs):
        with self.assertRaises(RpcRefused) as catcher:
            self.rpc(model, method, *args, **kwargs)
        self.assertRegex(str(catcher.exception), pattern)
        return catcher.exception

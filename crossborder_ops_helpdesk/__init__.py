from . import controllers
from . import models
from . import report
from . import wizards


def uninstall_hook(env):
    """Drop the month column the monitor report added to helpdesk tickets."""
    env.cr.execute("DROP VIEW IF EXISTS crossborder_ticket_report")
    env.cr.execute("ALTER TABLE helpdesk_ticket DROP COLUMN IF EXISTS cbo_month")

from . import models
from . import report
from . import wizards

STANDARD_PERSONAL_LEAD_RULE = "['|',('user_id','=',user.id),('user_id','=',False)]"


def uninstall_hook(env):
    """Give crm its own rule back: ours refers to fields that leave with us."""
    rule = env.ref("crm.crm_rule_personal_lead", raise_if_not_found=False)
    if rule:
        rule.domain_force = STANDARD_PERSONAL_LEAD_RULE

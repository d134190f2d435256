from . import crossborder_pool_lead_report
from . import crossborder_hoarding_report
from . import crossborder_rotation_lift_report
from . import crossborder_rotation_share_report
from . import crm_activity_report

from . import crossborder_lead_release_wizard
from . import crossborder_rotation_preview
from . import crossborder_pool_handover
from . import crossborder_pool_ownership_wizard
from . import crm_lead_to_opportunity
from . import crm_lead_to_opportunity_mass

from . import account_move
from . import account_move_line
from . import crm_lead
from . import res_partner
from . import sale_order
from . import sale_order_line
from . import sale_report

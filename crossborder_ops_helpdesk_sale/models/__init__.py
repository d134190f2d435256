from . import crossborder_evidence_message_mixin
from . import crossborder_ticket_link_mixin
from . import helpdesk_ticket

# --- marketplace intake ---
from . import helpdesk_ticket_channel
from . import mail_mail
from . import mail_thread

# --- order, cost and attribution ---
from . import account_move
from . import crossborder_country_spec
from . import crossborder_root_cause
from . import mail_message
from . import product_template
from . import sale_order
from . import sale_order_line
from . import stock_move_line
from . import stock_picking

# --- end order, cost and attribution ---
# --- numbers (begin) ---
from . import crossborder_recurrence
from . import stock_move
# --- numbers (end) ---

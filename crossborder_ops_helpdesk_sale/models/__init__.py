from . import helpdesk_ticket

# --- numbers (begin) ---
from . import crossborder_recurrence
from . import stock_move
from . import stock_picking
# --- numbers (end) ---

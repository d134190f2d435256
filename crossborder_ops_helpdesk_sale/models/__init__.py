from . import helpdesk_ticket

# --- numbers (begin) ---
from . import crossborder_recurrence
# --- numbers (end) ---

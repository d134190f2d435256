from . import helpdesk_ticket

# --- marketplace intake ---
from . import helpdesk_ticket_channel

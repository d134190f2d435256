from . import test_order_links

# --- numbers (begin) ---
from . import test_rates_recurrence
# --- numbers (end) ---

from . import test_order_links

# --- order, cost and attribution ---
from . import test_attribution
from . import test_problem_cost
from . import test_prevention

# --- end order, cost and attribution ---

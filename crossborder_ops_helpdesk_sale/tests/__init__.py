from . import test_order_links

# --- marketplace intake ---
from . import test_intake_parser
from . import test_marketplace_intake
from . import test_intake_rpc
from . import test_intake_sender
from . import test_channel_settings

# --- order, cost and attribution ---
from . import test_attribution
from . import test_problem_cost
from . import test_prevention

# --- end order, cost and attribution ---
# --- numbers (begin) ---
from . import test_rates_recurrence

# --- numbers (end) ---
from . import test_rate_report
from . import test_reship_race
from . import test_duplicate_cost_attacks
from . import test_duplicate_cost_race
from . import test_scorecard_doors

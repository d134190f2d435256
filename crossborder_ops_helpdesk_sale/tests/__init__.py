from . import test_order_links

# --- marketplace intake ---
from . import test_intake_parser
from . import test_marketplace_intake
from . import test_intake_rpc

from . import test_order_links
from . import test_rate_report

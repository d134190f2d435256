from . import test_order_links

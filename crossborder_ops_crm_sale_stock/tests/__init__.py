from . import test_pool_deliveries

from . import test_pool_quotations

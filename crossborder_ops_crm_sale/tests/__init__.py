from . import test_pool_quotations
from . import test_pool_quotations_hidden

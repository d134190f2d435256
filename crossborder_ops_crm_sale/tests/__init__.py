from . import test_pool_quotations
from . import test_pool_quotations_hidden
from . import test_pool_invoices_hidden
from . import test_pool_customer_sales
from . import test_revival_purchase

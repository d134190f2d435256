from . import test_planners
from . import test_pool_claim
from . import test_pool_recycle
from . import test_pool_rotation
from . import test_pool_progress
from . import test_pool_security
from . import test_pool_concurrency
from . import test_i18n

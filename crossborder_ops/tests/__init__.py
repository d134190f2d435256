from . import test_suite_base
from . import test_hiring_functions
from . import test_positions
from . import test_skill_tests
from . import test_trials
from . import test_hiring_security
from . import test_hiring_tour
from . import test_views_load

from . import test_suite_base

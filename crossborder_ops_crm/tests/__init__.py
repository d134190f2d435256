from . import test_crm_base

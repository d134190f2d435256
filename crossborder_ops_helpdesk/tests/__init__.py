from . import test_helpdesk_base

from . import test_monitor_functions
from . import test_tickets
from . import test_feedback
from . import test_recurrence
from . import test_country_specs
from . import test_helpdesk_security
from . import test_i18n
from . import test_report

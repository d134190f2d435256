from . import crossborder_ticket_report
from . import crossborder_workload_report
from . import crossborder_response_report

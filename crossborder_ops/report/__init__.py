from . import crossborder_report_view
from . import crossborder_ratio_mixin
from . import crossborder_hiring_report
from . import crossborder_test_outcome_report

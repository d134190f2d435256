from . import crossborder_rate_mixin
from . import crossborder_scorecard_mixin
from . import crossborder_problem_rate_report
from . import crossborder_supplier_scorecard
from . import crossborder_carrier_scorecard

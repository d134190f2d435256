from . import crossborder_hiring_report

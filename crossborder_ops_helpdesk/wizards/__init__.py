from . import crossborder_attribution_wizard
from . import crossborder_size_converter

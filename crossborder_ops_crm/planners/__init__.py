# Pure planners: plain data in, decisions (and the rule that fired) out.
# Nothing here touches the ORM, so tests call them directly with crafted input.
from . import caps, customers, dormancy, handover, holdback, matching, recycling, rotation

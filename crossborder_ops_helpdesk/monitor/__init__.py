# Pure functions of the customer-service monitor: plain data in, plain data out.
from . import auto_reply, control, digest, effectiveness, recurrence, response, routing, sizes

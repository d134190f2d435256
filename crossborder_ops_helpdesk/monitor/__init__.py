# Pure functions of the customer-service monitor: plain data in, plain data out.
from . import digest, effectiveness, recurrence, response, sizes

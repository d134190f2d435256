# Pure functions of the hiring flow: plain data in, plain data out, no ORM.
from . import description, outcomes, scoring

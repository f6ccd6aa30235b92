"""accords: turn texts about diplomatic agreements into tables of actors, topics and commitments.

>>> import analysis
>>> tables = analysis.extract("seeds/")  # doctest: +SKIP
>>> tables.commitments  # doctest: +SKIP
"""

from analysis.errors import AccordsError
from analysis.pipeline import extract
from analysis.tables import SCHEMAS, Tables, read_tables

__all__ = ["SCHEMAS", "AccordsError", "Tables", "extract", "read_tables"]
__version__ = "0.1.0"

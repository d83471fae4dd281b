"""cl-survey: a validated, queryable catalog of continual-learning research.

>>> import cl_survey
>>> catalog = cl_survey.load_catalog()
>>> catalog.paper("dohare2024loss").venue.name
'Nature'
"""

from cl_survey._errors import (
    CatalogError,
    ClSurveyError,
    Diagnostic,
    QueryError,
    UnknownRecordError,
)
from cl_survey.catalog import Catalog, bundled_catalog_path, load_catalog
from cl_survey.records import (
    Benchmark,
    Category,
    CategoryAssignment,
    Evidence,
    Finding,
    Method,
    Paper,
    Problem,
    Relation,
    RelationType,
    Scenario,
    Venue,
    VenueKind,
)

__version__ = "0.1.0"

__all__ = [
    "Benchmark",
    "Catalog",
    "CatalogError",
    "Category",
    "CategoryAssignment",
    "ClSurveyError",
    "Diagnostic",
    "Evidence",
    "Finding",
    "Method",
    "Paper",
    "Problem",
    "QueryError",
    "Relation",
    "RelationType",
    "Scenario",
    "UnknownRecordError",
    "Venue",
    "VenueKind",
    "__version__",
    "bundled_catalog_path",
    "load_catalog",
]

# Public names report themselves as cl_survey.X, not as the private module that defines them.
for _name in __all__:
    _value = globals()[_name]
    if isinstance(_value, type):
        _value.__module__ = __name__
del _name, _value

"""Records: one YAML file in, one validated, frozen record (or located diagnostics) out.

    _yaml        libyaml parse; source positions recovered only for a file with a problem
    _models      the record models, one per kind of file
    _files       finding a catalog's record files and validating each one
    _references  checks that span records: ids, references, unique identifiers, cycles
    _cache       validated records cached by file contents
    _names       people's names as records write them

Nothing here imports the catalog, rendering, publishing or the CLI (a test holds that wall).
"""

from cl_survey.records._cache import RecordCache, cache_root
from cl_survey.records._field_reference import field_reference_markdown
from cl_survey.records._files import (
    KINDS,
    LoadedRecord,
    RecordFile,
    find_record_files,
    parse_record,
    read_record_bytes,
)
from cl_survey.records._models import (
    ID_PATTERN,
    Application,
    Benchmark,
    Category,
    CategoryAssignment,
    Contribution,
    Evidence,
    Finding,
    Identifiers,
    Method,
    Paper,
    Person,
    Problem,
    Record,
    Relation,
    RelationType,
    Scenario,
    Venue,
    VenueKind,
    Version,
    VersionKind,
)
from cl_survey.records._names import record_label, record_name, surname
from cl_survey.records._references import check_references
from cl_survey.records._result_checks import percent_value
from cl_survey.records._result_models import (
    Baseline,
    Memory,
    MemoryKind,
    Metric,
    Pretraining,
    PrintedAs,
    Provenance,
    ResultProtocol,
    ResultRow,
    ResultTable,
    Split,
    TableSource,
)
from cl_survey.records._yaml import Position, locate, parse_record_text

__all__ = [
    "ID_PATTERN",
    "KINDS",
    "Application",
    "Baseline",
    "Benchmark",
    "Category",
    "CategoryAssignment",
    "Contribution",
    "Evidence",
    "Finding",
    "Identifiers",
    "LoadedRecord",
    "Memory",
    "MemoryKind",
    "Method",
    "Metric",
    "Paper",
    "Person",
    "Position",
    "Pretraining",
    "PrintedAs",
    "Problem",
    "Provenance",
    "Record",
    "RecordCache",
    "RecordFile",
    "Relation",
    "RelationType",
    "ResultProtocol",
    "ResultRow",
    "ResultTable",
    "Scenario",
    "Split",
    "TableSource",
    "Venue",
    "VenueKind",
    "Version",
    "VersionKind",
    "cache_root",
    "check_references",
    "field_reference_markdown",
    "find_record_files",
    "locate",
    "parse_record",
    "parse_record_text",
    "percent_value",
    "read_record_bytes",
    "record_label",
    "record_name",
    "surname",
]

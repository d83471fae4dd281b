"""The catalog: validated records in, one immutable Catalog with its graphs and queries out.

    _authors         one author per person: name variants merged, homonyms told apart
    _load            load_catalog: record files -> Catalog (or one CatalogError with everything)
    _catalog         the Catalog: records by id, facet queries
    _graph           the taxonomy DAG and the typed relation graph (networkx)
    _walks           graph walks: ancestors, neighbourhoods, lineage, the gap matrix
    _rows            papers and result values as flat rows: CSV columns and DataFrames
    _results         result values, protocol keys, leaderboards and close protocols
    _query_language  the query language of `cl-survey query`
    _stats           counts and coverage gaps
    _export          BibTeX, CSL-JSON, GraphML, node-link JSON and CSV

Nothing here imports rendering, publishing or the CLI (a test holds that wall).
"""

from cl_survey.catalog._authors import Author, author_slug
from cl_survey.catalog._catalog import Catalog
from cl_survey.catalog._export import (
    EXPORT_FORMATS,
    export,
    paper_to_bibtex,
    papers_to_csl_json,
    papers_to_ris,
)
from cl_survey.catalog._load import bundled_catalog_path, load_catalog
from cl_survey.catalog._query_language import parse_query
from cl_survey.catalog._results import Leaderboard, ProtocolKey, ResultEntry
from cl_survey.catalog._rows import RESULT_COLUMNS, result_row
from cl_survey.catalog._stats import AREAS, catalog_stats
from cl_survey.catalog._walks import GapMatrix, Under

__all__ = [
    "AREAS",
    "EXPORT_FORMATS",
    "RESULT_COLUMNS",
    "Author",
    "Catalog",
    "GapMatrix",
    "Leaderboard",
    "ProtocolKey",
    "ResultEntry",
    "Under",
    "author_slug",
    "bundled_catalog_path",
    "catalog_stats",
    "export",
    "load_catalog",
    "paper_to_bibtex",
    "papers_to_csl_json",
    "papers_to_ris",
    "parse_query",
    "result_row",
]

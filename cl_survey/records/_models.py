"""The record models: one frozen, closed Pydantic model per kind of catalog file.

Field docstrings are part of the contract: they become the JSON Schema descriptions that
editors show and the field reference in CONTRIBUTING.md.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, ClassVar
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictInt

__all__ = [
    "Application",
    "Benchmark",
    "BenchmarkDomain",
    "Category",
    "CategoryAssignment",
    "Contribution",
    "Evidence",
    "Finding",
    "Hyperparameter",
    "Identifiers",
    "Links",
    "Method",
    "Paper",
    "Person",
    "Problem",
    "Protocol",
    "Record",
    "Relation",
    "RelationType",
    "Scenario",
    "Summary",
    "TaxonomyMapping",
    "Venue",
    "VenueKind",
    "Version",
    "VersionKind",
]

ID_PATTERN = re.compile(r"[a-z][a-z0-9-]*")
CURATOR = "curator"
EARLIEST_YEAR = 1940
_DOI = re.compile(r"10\.\d{4,9}/\S+")
_ARXIV_NEW = re.compile(r"\d{4}\.\d{4,5}")
_ARXIV_OLD = re.compile(r"[a-z-]+(\.[A-Z]{2})?/\d{7}")
_ARXIV_VERSIONED = re.compile(rf"(?:{_ARXIV_NEW.pattern}|{_ARXIV_OLD.pattern})(?:v[1-9]\d*)?")
_OPENREVIEW = re.compile(r"[A-Za-z0-9_-]{5,}")
_DBLP = re.compile(r"(conf|journals|books|phd|series|reference|informal)/[\w-]+/[\w.-]+")
_CITE_KEY = re.compile(r"[A-Za-z][A-Za-z0-9_:.+-]*")
_PAGES = re.compile(r"[A-Za-z]?\d+([-\u2013][A-Za-z]?\d+)?")
_SOURCE_TEXT_LIMIT = 20_000


def _record_id(value: str) -> str:
    if not ID_PATTERN.fullmatch(value):
        msg = (
            f"{value!r} is not a valid id: use lower-case letters, digits and '-', "
            "starting with a letter (e.g. 'dohare2024loss')"
        )
        raise ValueError(msg)
    return value


def _text(value: str) -> str:
    if not value.strip():
        msg = "must not be empty or only white space"
        raise ValueError(msg)
    if len(value) > _SOURCE_TEXT_LIMIT:
        msg = f"is {len(value):,} characters long; the limit is {_SOURCE_TEXT_LIMIT:,}"
        raise ValueError(msg)
    return value


_WHITE_SPACE = re.compile(r"\s")  # what str.isspace() calls white space, as re's \s does


def _https_url(value: str) -> str:
    # A regular expression, not a generator over every character: URLs are a tenth of a
    # catalog's text and this check was 10% of a cold load.
    parts = urlsplit(value)
    if parts.scheme != "https" or not parts.netloc or _WHITE_SPACE.search(value):
        msg = f"{value!r} is not an https:// URL; links must be absolute https URLs"
        raise ValueError(msg)
    return value


def _doi(value: str) -> str:
    if not _DOI.fullmatch(value):
        msg = f"{value!r} is not a DOI: write it bare, like '10.1038/s41586-024-07711-7'"
        raise ValueError(msg)
    return value


def _arxiv(value: str) -> str:
    if not (_ARXIV_NEW.fullmatch(value) or _ARXIV_OLD.fullmatch(value)):
        msg = (
            f"{value!r} is not an arXiv id: write it without 'arXiv:' or a version, "
            "like '2306.13812'"
        )
        raise ValueError(msg)
    return value


def _arxiv_with_version(value: str) -> str:
    if not _ARXIV_VERSIONED.fullmatch(value):
        msg = (
            f"{value!r} is not an arXiv id: write it without 'arXiv:', optionally with its "
            "version, like '2306.13812' or '2306.13812v2'"
        )
        raise ValueError(msg)
    return value


def _pattern(pattern: re.Pattern[str], what: str, example: str) -> AfterValidator:
    def check(value: str) -> str:
        if not pattern.fullmatch(value):
            msg = f"{value!r} is not {what}, like {example!r}"
            raise ValueError(msg)
        return value

    return AfterValidator(check)


def _not_in_the_future(value: dt.date) -> dt.date:
    if value > dt.datetime.now(tz=dt.UTC).date():
        msg = (
            f"{value.isoformat()} is in the future; a record enters the catalog on or before today"
        )
        raise ValueError(msg)
    return value


def _year(value: int) -> int:
    if value < EARLIEST_YEAR:
        msg = f"{value} is before {EARLIEST_YEAR}, too early for this catalog; check the year"
        raise ValueError(msg)
    if value > dt.datetime.now(tz=dt.UTC).year + 1:
        msg = f"{value} is later than next year; check the year"
        raise ValueError(msg)
    return value


RecordId = Annotated[str, AfterValidator(_record_id)]
Text = Annotated[str, AfterValidator(_text)]
HttpsUrl = Annotated[str, AfterValidator(_https_url)]
Doi = Annotated[str, AfterValidator(_doi)]
ArxivId = Annotated[str, AfterValidator(_arxiv)]
VersionedArxivId = Annotated[str, AfterValidator(_arxiv_with_version)]
OpenReviewId = Annotated[str, _pattern(_OPENREVIEW, "an OpenReview forum id", "ZOVhEFjF8d")]
DblpKey = Annotated[str, _pattern(_DBLP, "a DBLP key", "conf/cvpr/PrabhuHDTLGB23")]
Pages = Annotated[str, _pattern(_PAGES, "a page or page range", "768-774")]
CiteKey = Annotated[str, _pattern(_CITE_KEY, "a citation key", "dohare2024loss")]
Year = Annotated[StrictInt, AfterValidator(_year)]
Added = Annotated[dt.date, AfterValidator(_not_in_the_future)]
PositiveInt = Annotated[StrictInt, Field(gt=0)]
Count = Annotated[StrictInt, Field(ge=0)]


class Record(BaseModel):
    """Common configuration: frozen, closed, documented."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        use_attribute_docstrings=True,
        validate_default=False,
    )


class CategoryAssignment(Record):
    """A placement in the method taxonomy, with who made it."""

    category: RecordId
    """Id of a taxonomy category (a file in catalog/categories/)."""
    assigned_by: RecordId
    """Who places it there: the id of the survey paper that does, or `curator`."""


class VenueKind(StrEnum):
    JOURNAL = "journal"
    CONFERENCE = "conference"
    WORKSHOP = "workshop"
    BOOK_CHAPTER = "book-chapter"
    PREPRINT = "preprint"


class Venue(Record):
    """Where the paper was published (the published version, not the preprint)."""

    name: Text
    """Short name as commonly cited, e.g. 'Nature', 'CVPR', 'IEEE TPAMI', 'arXiv'."""
    full_name: Text | None = None
    """Full name, e.g. 'IEEE Transactions on Pattern Analysis and Machine Intelligence'."""
    kind: VenueKind
    """journal, conference, workshop, book-chapter (a chapter of an edited book or book
    series) or preprint."""
    volume: PositiveInt | None = None
    """Journal volume number."""
    issue: PositiveInt | None = None
    """Journal issue number."""
    pages: Pages | None = None
    """Page range as printed, e.g. '768-774'."""


class Identifiers(Record):
    """Persistent identifiers; each is format-checked and unique across the catalog."""

    doi: Doi | None = None
    """DOI without a resolver prefix, e.g. '10.1038/s41586-024-07711-7'."""
    arxiv: ArxivId | None = None
    """arXiv id without version, e.g. '2306.13812'."""
    openreview: OpenReviewId | None = None
    """OpenReview forum id."""
    dblp: DblpKey | None = None
    """DBLP record key."""


class Links(Record):
    """Where to read the paper and run its code; https only."""

    paper: HttpsUrl | None = None
    """The paper itself (publisher or proceedings page, or open-access PDF)."""
    code: HttpsUrl | None = None
    """The authors' official code (a repository by the paper's authors)."""
    reimplementation: HttpsUrl | None = None
    """Code by others that reimplements the paper, when the authors published none."""
    project: HttpsUrl | None = None
    """A project page."""


class VersionKind(StrEnum):
    ARXIV = "arxiv"
    WORKSHOP = "workshop"
    CONFERENCE = "conference"
    JOURNAL = "journal"


class Version(Record):
    """One public version of a work: a preprint, a workshop, conference or journal paper."""

    kind: VersionKind
    """arxiv, workshop, conference or journal."""
    year: Year
    """Year of this version (for arXiv, that of its first submission)."""
    venue: Text | None = None
    """Where it appeared, as commonly cited, e.g. 'ECCV'; none for arXiv."""
    arxiv: VersionedArxivId | None = None
    """For an arXiv version: its id, with a version number where one version is meant."""
    doi: Doi | None = None
    """Its DOI, where it has one of its own."""
    title: Text | None = None
    """Its title, where it differs from the record's."""


class Contribution(StrEnum):
    METHOD = "method"
    SURVEY = "survey"
    BENCHMARK = "benchmark"
    THEORY = "theory"
    EMPIRICAL_STUDY = "empirical-study"


class Summary(Record):
    """A short summary in the project's own words."""

    en: Text
    """English summary (required)."""
    zh: Text | None = None
    """Chinese summary (optional)."""


class RelationType(StrEnum):
    BUILDS_ON = "builds_on"
    COMPARES_TO = "compares_to"
    EXTENDS = "extends"
    SURVEYS = "surveys"


class Relation(Record):
    """A typed link from this paper to another paper in the catalog."""

    type: RelationType
    """builds_on (uses its idea), compares_to (a baseline in its experiments), extends
    (a later, extended version of the same work) or surveys (reviews it)."""
    paper: RecordId
    """Id of the other paper."""
    note: Text | None = None
    """What the relation consists of, in a few words."""


class Protocol(Record):
    """The experimental protocol behind a number."""

    tasks: PositiveInt | None = None
    """Number of tasks (or experiences) in the sequence."""
    buffer_size: Count | None = None
    """Replay buffer size in samples (0: rehearsal-free)."""
    backbone: Text | None = None
    """Network architecture, e.g. 'ResNet-18', 'CLIP ViT-B/16'."""
    pretraining: Text | None = None
    """Pre-training of the backbone, if any."""
    compute_budget: Text | None = None
    """Compute budget per step or per task, as the paper states it."""
    notes: Text | None = None
    """Anything else needed to read the number."""


class Evidence(Record):
    """A reported number and where it comes from."""

    metric: Text
    """What is measured, e.g. 'average accuracy (%)'."""
    value: float
    """The reported value."""
    method: Text | None = None
    """The method the value belongs to, as the paper names it."""
    benchmark: RecordId | None = None
    """Id of the benchmark."""
    scenario: RecordId | None = None
    """Id of the scenario."""
    protocol: Protocol | None = None
    """Protocol details needed to compare the number."""
    location: Text
    """Where in the paper: 'Table 2', 'Fig. 3b'."""


class Finding(Record):
    """A short claim the paper makes, with the numbers behind it."""

    claim: Text
    """The claim, in one sentence."""
    evidence: tuple[Evidence, ...] = ()
    """Numbers supporting the claim."""


class Paper(Record):
    """A paper: catalog/papers/<id>.yaml."""

    kind: ClassVar[str] = "paper"

    id: RecordId
    """Citation-style key: first author's surname, year, first title word; equals the file name."""
    cite_key: CiteKey | None = None
    """The key every export cites the paper by: proposed once (by `add`), never derived again
    from other fields, unique in the catalog; the id stands in where it is missing."""
    title: Text
    """Title of the published version."""
    authors: tuple[Text, ...] = Field(min_length=1)
    """Full names, in the published order."""
    year: Year
    """Year of the published version."""
    venue: Venue
    """Where it was published."""
    identifiers: Identifiers = Identifiers()
    """DOI, arXiv and other identifiers."""
    links: Links = Links()
    """Paper, code and project links."""
    summary: Summary
    """What the paper does, in the project's words."""
    versions: tuple[Version, ...] = ()
    """Every public version of the work, oldest first (see CONTRIBUTING: one record per work)."""
    contributions: tuple[Contribution, ...] = ()
    """What kind of work it is: method, survey, benchmark, theory, empirical-study."""
    keywords: tuple[Text, ...] = ()
    """Free keywords for search."""
    proposes: tuple[RecordId, ...] = ()
    """Ids of the methods this paper introduces."""
    categories: tuple[CategoryAssignment, ...] = ()
    """Taxonomy placements of the paper itself, with provenance."""
    scenarios: tuple[RecordId, ...] = ()
    """Ids of the continual-learning scenarios it studies."""
    problems: tuple[RecordId, ...] = ()
    """Ids of the problems it addresses."""
    benchmarks: tuple[RecordId, ...] = ()
    """Ids of the benchmarks it evaluates on."""
    applications: tuple[RecordId, ...] = ()
    """Ids of the application areas it works in (classification, segmentation, RL, ...)."""
    relations: tuple[Relation, ...] = ()
    """Typed links to other papers."""
    findings: tuple[Finding, ...] = ()
    """Headline claims with their evidence."""
    sources: tuple[HttpsUrl, ...] = Field(min_length=1)
    """Where this record's facts were checked (publisher page, official code README, ...)."""
    unverified: tuple[Text, ...] = ()
    """Dotted paths of fields that could not be confirmed from a source, e.g. 'venue.pages'."""
    added: Added | None = None
    """The date the record entered the catalog (YYYY-MM-DD), for "What's new" and the feeds."""

    @property
    def citation_key(self) -> str:
        """The key exports cite it by."""
        return self.cite_key or self.id

    @property
    def first_year(self) -> int:
        """The year of the work's earliest public version."""
        return min([self.year, *(version.year for version in self.versions)])

    @property
    def last_year(self) -> int:
        """The year of the work's latest public version."""
        return max([self.year, *(version.year for version in self.versions)])


class Hyperparameter(Record):
    """A hyperparameter that defines how a method behaves."""

    name: Text
    """Name as the paper uses it."""
    symbol: Text | None = None
    """Symbol in the paper, if any."""
    description: Text
    """What it controls."""


class Method(Record):
    """A method: catalog/methods/<id>.yaml."""

    kind: ClassVar[str] = "method"

    id: RecordId
    """Method id; equals the file name."""
    name: Text
    """Full name."""
    acronym: Text | None = None
    """Short name, e.g. 'EWC'."""
    aliases: tuple[Text, ...] = ()
    """Other names it is known by."""
    definition: Text
    """One paragraph: how it works."""
    categories: tuple[CategoryAssignment, ...] = Field(min_length=1)
    """Taxonomy placements, with provenance; a method may sit under several."""
    introduced_by: RecordId | None = None
    """Id of the paper that introduced it."""
    hyperparameters: tuple[Hyperparameter, ...] = ()
    """Its key hyperparameters."""
    added: Added | None = None
    """The date the record entered the catalog (YYYY-MM-DD)."""


class TaxonomyMapping(Record):
    """How a category corresponds to a category of another survey's taxonomy."""

    survey: RecordId
    """Id of the survey paper whose taxonomy is mapped to."""
    category: Text
    """The category's name in that survey."""
    relation: Annotated[str, Field(pattern=r"^(equivalent|broader|narrower|overlaps)$")]
    """equivalent, broader (ours is broader), narrower or overlaps."""
    note: Text | None = None
    """Where the correspondence is imperfect."""


class _Term(Record):
    id: RecordId
    """Id; equals the file name."""
    name: Text
    """Name in English."""
    name_zh: Text | None = None
    """Name in Chinese."""
    aliases: tuple[Text, ...] = ()
    """Other names and abbreviations."""
    definition: Text
    """One paragraph."""


class Category(_Term):
    """A taxonomy category: catalog/categories/<id>.yaml."""

    kind: ClassVar[str] = "category"

    parents: tuple[RecordId, ...] = ()
    """Ids of the parent categories; none for a top-level family."""
    defined_by: RecordId | None = None
    """Id of the survey paper that defines the category, if one does."""
    maps_to: tuple[TaxonomyMapping, ...] = ()
    """Correspondences with other surveys' taxonomies."""
    added: Added | None = None
    """The date the record entered the catalog (YYYY-MM-DD)."""


class Scenario(_Term):
    """A continual-learning scenario: catalog/scenarios/<id>.yaml."""

    kind: ClassVar[str] = "scenario"

    defined_by: RecordId | None = None
    """Id of the paper that defines the scenario, if one does."""
    added: Added | None = None
    """The date the record entered the catalog (YYYY-MM-DD)."""


class Problem(_Term):
    """A problem CL methods address: catalog/problems/<id>.yaml."""

    kind: ClassVar[str] = "problem"

    added: Added | None = None
    """The date the record entered the catalog (YYYY-MM-DD)."""


class Application(_Term):
    """An application area of continual learning: catalog/applications/<id>.yaml."""

    kind: ClassVar[str] = "application"

    added: Added | None = None
    """The date the record entered the catalog (YYYY-MM-DD)."""


class Person(Record):
    """A person whose name papers write in more than one way, or who shares a name with
    someone else: catalog/people/<id>.yaml. Everyone else gets an author page from their name."""

    kind: ClassVar[str] = "person"

    id: RecordId
    """Id; equals the file name, e.g. 'gido-m-van-de-ven'."""
    name: Text
    """The name shown on the person's page."""
    aliases: tuple[Text, ...] = ()
    """Other ways papers write the name ('Gido van de Ven')."""
    papers: tuple[RecordId, ...] = ()
    """For two people with one name: the papers that are this person's. Empty: every paper
    that writes the name or an alias."""
    added: Added | None = None
    """The date the record entered the catalog (YYYY-MM-DD)."""


class BenchmarkDomain(StrEnum):
    VISION = "vision"
    VISION_LANGUAGE = "vision-language"
    LANGUAGE = "language"
    REINFORCEMENT_LEARNING = "reinforcement-learning"
    OTHER = "other"


class Benchmark(_Term):
    """A benchmark or dataset: catalog/benchmarks/<id>.yaml."""

    kind: ClassVar[str] = "benchmark"

    domain: BenchmarkDomain
    """vision, vision-language, language, reinforcement-learning or other."""
    based_on: tuple[RecordId, ...] = ()
    """Ids of the benchmarks or datasets it is built from."""
    introduced_by: RecordId | None = None
    """Id of the paper that introduced it, if in the catalog."""
    homepage: HttpsUrl | None = None
    """Official page."""
    added: Added | None = None
    """The date the record entered the catalog (YYYY-MM-DD)."""

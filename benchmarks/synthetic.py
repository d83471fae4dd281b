"""A synthetic catalog of N papers, shaped like the bundled one, for timing the toolkit at scale.

Every synthetic paper is a copy of a bundled paper (taken in turn), so the field mix and the
text lengths are the real ones; what makes it a different paper is changed:

- the id, the DOI and the arXiv id are new and unique;
- the words of the title and of the English summary are shuffled, so text queries do not see
  N/83 identical papers;
- the methods it proposes are new methods, copied from the bundled methods in turn, placed in
  the real taxonomy and `introduced_by` this paper;
- its relations point at earlier synthetic papers of the same year or before (no warnings);
- one result table per four papers, a bundled table's protocol and values in turn, its rows'
  methods drawn from the synthetic methods (a table's source paper is a synthetic paper).

The taxonomy, scenarios, problems and benchmarks are the bundled records; their references to
bundled papers (`defined_by`, `introduced_by`, `maps_to`) point at stand-in synthetic papers.

The other kind, `copies`, is shaped like a real catalog grown large rather than like a
synthetic one: the bundled papers copied in turn, each with a new id, cite key, DOI and
arXiv id and nothing else changed; the bundled methods, taxonomy and vocabularies as they
are; no relations, proposed methods or result tables (none of them made up).

    python -m benchmarks.synthetic 1000 /tmp/catalog-1000 [--kind copies]
"""

from __future__ import annotations

import argparse
import random
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from cl_survey import Catalog, load_catalog

__all__ = ["KINDS", "SyntheticCatalog", "write_synthetic_catalog"]

KINDS = ("synthetic", "copies")

_VOCABULARY_KINDS = ("categories", "scenarios", "problems", "benchmarks", "applications", "metrics")
PAPERS_PER_RESULT_TABLE = 4
_ARXIV_YEAR_MONTH = "2401"


@dataclass(frozen=True, slots=True)
class SyntheticCatalog:
    """What was written: the directory and how many records of each kind."""

    root: Path
    papers: int
    methods: int
    vocabulary: int
    result_tables: int
    total_bytes: int


def write_synthetic_catalog(
    root: Path,
    papers: int,
    *,
    seed: int = 0,
    templates: Catalog | None = None,
    kind: str = "synthetic",
) -> SyntheticCatalog:
    """Write a valid catalog of `papers` papers of `kind` (see KINDS) under `root` (created,
    must be empty)."""
    if papers < 1:
        msg = "a synthetic catalog needs at least one paper"
        raise ValueError(msg)
    if kind not in KINDS:
        msg = f"unknown kind {kind!r}: one of {', '.join(KINDS)}"
        raise ValueError(msg)
    source = templates if templates is not None else load_catalog()
    writer = _Writer(root, source, papers, seed)
    writer.write_vocabulary()
    if kind == "copies":
        writer.write_copies()
    else:
        writer.write_papers()
        writer.write_result_tables()
    return SyntheticCatalog(
        root=root,
        papers=papers,
        methods=writer.methods_written,
        vocabulary=writer.vocabulary_written,
        result_tables=writer.tables_written,
        total_bytes=writer.bytes_written,
    )


class _Writer:
    def __init__(self, root: Path, source: Catalog, papers: int, seed: int) -> None:
        self.root = root
        self.source = source
        self.count = papers
        self.random = random.Random(seed)  # noqa: S311  # reproducible shuffles, not secrets
        self.paper_templates = source.papers
        self.method_templates = source.methods
        self.methods_written = 0
        self.method_ids: list[str] = []
        self.tables_written = 0
        self.vocabulary_written = 0
        self.bytes_written = 0
        self.years: list[int] = []
        root.mkdir(parents=True, exist_ok=False)

    def stand_in(self, bundled_paper_id: str) -> str:
        """The synthetic paper that takes a bundled paper's place in references to it."""
        index = zlib.crc32(bundled_paper_id.encode()) % self.count
        return self.paper_id(index)

    def paper_id(self, index: int) -> str:
        template = self.paper_templates[index % len(self.paper_templates)]
        return f"{template.id}-{index}"

    def write(self, kind: str, record_id: str, data: dict[str, Any]) -> None:
        directory = self.root / kind
        directory.mkdir(exist_ok=True)
        text = yaml.dump(
            data, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True, width=100
        )
        encoded = text.encode("utf-8")
        (directory / f"{record_id}.yaml").write_bytes(encoded)
        self.bytes_written += len(encoded)

    def write_vocabulary(self) -> None:
        for kind in _VOCABULARY_KINDS:
            for record in getattr(self.source, kind):
                data = record.model_dump(mode="json", exclude_defaults=True)
                for field in ("defined_by", "introduced_by"):
                    if field in data:
                        data[field] = self.stand_in(data[field])
                for mapping in data.get("maps_to", ()):
                    mapping["survey"] = self.stand_in(mapping["survey"])
                self.write(kind, record.id, data)
                self.vocabulary_written += 1

    def write_papers(self) -> None:
        for index in range(self.count):
            template = self.paper_templates[index % len(self.paper_templates)]
            data = template.model_dump(mode="json", exclude_defaults=True)
            paper_id = self.paper_id(index)
            data["id"] = paper_id
            data["cite_key"] = paper_id  # cite keys are unique, as ids are
            data["title"] = self.shuffled(data["title"])
            data["summary"]["en"] = self.shuffled(data["summary"]["en"])
            data["identifiers"] = {
                **data.get("identifiers", {}),
                "doi": f"10.5555/cl-survey.synthetic.{index}",
                "arxiv": f"{_ARXIV_YEAR_MONTH}.{index:05d}",
            }
            data["categories"] = [self.reassigned(a) for a in data.get("categories", ())]
            if template.proposes:
                data["proposes"] = [
                    self.write_method(paper_id, index, position)
                    for position in range(len(template.proposes))
                ]
            self.years.append(template.year)
            relations = [self.relation(index, r) for r in data.get("relations", ())]
            kept = [relation for relation in relations if relation is not None]
            if kept:
                data["relations"] = kept
            else:
                data.pop("relations", None)
            self.write("papers", paper_id, data)

    def write_copies(self) -> None:
        """Each bundled paper in turn with new identifiers; the bundled methods as they are,
        introduced by the first copy of their paper."""
        for index in range(self.count):
            template = self.paper_templates[index % len(self.paper_templates)]
            data = template.model_dump(mode="json", exclude_defaults=True)
            paper_id = self.paper_id(index)
            data["id"] = data["cite_key"] = paper_id
            data["identifiers"] = {
                **data.get("identifiers", {}),
                "doi": f"10.5555/cl-survey.copy.{index}",
                "arxiv": f"{_ARXIV_YEAR_MONTH}.{index:05d}",
            }
            data["categories"] = [self.reassigned(a) for a in data.get("categories", ())]
            for dropped in ("relations", "proposes", "versions"):
                data.pop(dropped, None)
            self.write("papers", paper_id, data)
        for method in self.method_templates:
            data = method.model_dump(mode="json", exclude_defaults=True)
            data.pop("introduced_by", None)
            data["categories"] = [self.reassigned(a) for a in data["categories"]]
            self.write("methods", method.id, data)
            self.methods_written += 1

    def write_method(self, paper_id: str, index: int, position: int) -> str:
        template = self.method_templates[self.methods_written % len(self.method_templates)]
        data = template.model_dump(mode="json", exclude_defaults=True)
        method_id = f"{template.id}-{index}-{position}"
        data["id"] = method_id
        data["name"] = f"{data['name']} {index}"
        data["introduced_by"] = paper_id
        data["categories"] = [self.reassigned(a) for a in data["categories"]]
        self.write("methods", method_id, data)
        self.methods_written += 1
        self.method_ids.append(method_id)
        return method_id

    def write_result_tables(self) -> None:
        templates = self.source.result_tables
        if not templates or not self.method_ids:
            return
        for number in range(self.count // PAPERS_PER_RESULT_TABLE):
            template = templates[number % len(templates)]
            data = template.model_dump(mode="json", exclude_defaults=True)
            table_id = f"{template.id}-{number}"
            data["id"] = table_id
            source = data["source"]
            source.pop("quoted_from", None)
            source["paper"] = self.paper_id(number * PAPERS_PER_RESULT_TABLE)
            methods = [row["method"] for row in data["rows"] if "method" in row]
            drawn = self.random.sample(
                self.method_ids, min(len(set(methods)), len(self.method_ids))
            )
            stand_ins = dict(zip(dict.fromkeys(methods), drawn, strict=False))
            rows = []
            for row in data["rows"]:
                if "method" in row:
                    if row["method"] not in stand_ins:
                        continue
                    row["method"] = stand_ins[row["method"]]
                row.pop("quoted_from", None)
                rows.append(row)
            data["rows"] = rows
            self.write("results", table_id, data)
            self.tables_written += 1

    def reassigned(self, assignment: dict[str, str]) -> dict[str, str]:
        by = assignment["assigned_by"]
        return {**assignment, "assigned_by": by if by == "curator" else self.stand_in(by)}

    def relation(self, index: int, relation: dict[str, Any]) -> dict[str, Any] | None:
        """The relation retargeted at an earlier paper no later than this one, if there is one."""
        year = self.years[index]
        for _ in range(8):
            if index == 0:
                break
            target = self.random.randrange(index)
            if self.years[target] <= year:
                return {**relation, "paper": self.paper_id(target)}
        return None

    def shuffled(self, text: str) -> str:
        words = text.split()
        self.random.shuffle(words)
        return " ".join(words)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("papers", type=int, help="number of synthetic papers")
    parser.add_argument("directory", type=Path, help="where to write it (must not exist)")
    parser.add_argument("--seed", type=int, default=0, help="shuffling seed (default 0)")
    parser.add_argument("--kind", choices=KINDS, default="synthetic", help="see above")
    arguments = parser.parse_args()
    written = write_synthetic_catalog(
        arguments.directory, arguments.papers, seed=arguments.seed, kind=arguments.kind
    )
    print(  # noqa: T201  # a command-line tool's output
        f"{written.root}: {written.papers} papers, {written.methods} methods, "
        f"{written.vocabulary} vocabulary records, {written.result_tables} result tables, "
        f"{written.total_bytes:,} bytes"
    )


if __name__ == "__main__":
    main()

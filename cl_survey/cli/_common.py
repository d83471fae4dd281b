"""Options and helpers shared by the commands that read a catalog."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from cl_survey._load import load_catalog

if TYPE_CHECKING:
    from collections.abc import Callable

    from cl_survey._catalog import Catalog

__all__ = ["catalog_option", "open_catalog"]

F = TypeVar("F", bound="Callable[..., Any]")


def catalog_option(function: F) -> F:
    return click.option(
        "--catalog",
        "catalog_dir",
        type=click.Path(path_type=Path),
        default=None,
        help="Catalog directory (default: the bundled catalog).",
    )(function)


def open_catalog(catalog_dir: Path | None) -> Catalog:
    """Load the catalog; a CatalogError reaches the CLI edge with every problem listed."""
    return load_catalog(catalog_dir)

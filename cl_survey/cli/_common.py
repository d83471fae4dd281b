"""Options and helpers shared by the commands that read a catalog."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from cl_survey.catalog import bundled_catalog_path

if TYPE_CHECKING:
    from collections.abc import Callable


__all__ = ["catalog_option", "writable_catalog"]

F = TypeVar("F", bound="Callable[..., Any]")


def catalog_option(function: F) -> F:
    return click.option(
        "--catalog",
        "catalog_dir",
        type=click.Path(path_type=Path),
        default=None,
        help="Catalog directory (default: the bundled catalog).",
    )(function)


def writable_catalog(catalog_dir: Path | None) -> Path:
    """The catalog a command may write to: the one named, or the checkout's own catalog/.

    The copy inside an installed wheel is never written: it would vanish at the next upgrade.
    """
    if catalog_dir is not None:
        return catalog_dir
    bundled = bundled_catalog_path()
    if bundled.name != "catalog":
        message = "cl-survey is installed, not run from a checkout: name the catalog to change"
        raise click.UsageError(message)
    return bundled

"""The `cl-survey` command line: the only place where errors become text for people.

Each command lives in its own module and is registered here.
"""

from __future__ import annotations

import os
import sys

import click

from cl_survey import __version__
from cl_survey._errors import ClSurveyError, ParameterError
from cl_survey.cli._add import add_command
from cl_survey.cli._build import build_command, serve_command
from cl_survey.cli._dedupe import dedupe_command
from cl_survey.cli._export import export_command
from cl_survey.cli._fmt import fmt_command
from cl_survey.cli._links import links_command
from cl_survey.cli._query import query_command
from cl_survey.cli._results import results_command
from cl_survey.cli._schema import schema_command
from cl_survey.cli._show import show_command
from cl_survey.cli._stats import stats_command
from cl_survey.cli._validate import validate_command

__all__ = ["cli", "main"]

EXIT_PROBLEMS = 1
EXIT_INTERNAL = 70  # EX_SOFTWARE: a bug in cl-survey, not in the user's input
# The flag that stands for each library parameter a ParameterError names.
FLAGS = {"out_dir": "--out", "repo_url": "--repo-url", "site_url": "--site-url"}


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cl-survey")
def cli() -> None:
    """Validate, query and publish a catalog of continual-learning research."""


cli.add_command(validate_command)
cli.add_command(add_command)
cli.add_command(fmt_command)
cli.add_command(dedupe_command)
cli.add_command(links_command)
cli.add_command(schema_command)
cli.add_command(query_command)
cli.add_command(show_command)
cli.add_command(results_command)
cli.add_command(export_command)
cli.add_command(stats_command)
cli.add_command(build_command)
cli.add_command(serve_command)


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; errors reach the user as messages, never as tracebacks."""
    try:
        # standalone_mode=False hands errors to us instead of printing tracebacks-or-exit
        # itself; it returns the exit code a command asked for.
        status = cli.main(args=argv, prog_name="cl-survey", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except ParameterError as error:
        message = error.naming(FLAGS.get(error.parameter, error.parameter))
        click.echo(f"cl-survey: error: {message}", err=True)
        sys.exit(EXIT_PROBLEMS)
    except ClSurveyError as error:
        click.echo(f"cl-survey: error: {error}", err=True)
        sys.exit(EXIT_PROBLEMS)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
    except OSError as error:
        # A path the user named that cannot be written or read: their input, not our bug.
        where = error.filename or "the file system"
        click.echo(f"cl-survey: error: {where}: {error.strerror or error}", err=True)
        sys.exit(EXIT_PROBLEMS)
    except Exception as error:
        if os.environ.get("CL_SURVEY_DEBUG"):
            raise
        click.echo(
            f"cl-survey: internal error: {type(error).__name__}: {error}\n"
            "This is a bug in cl-survey, not in your catalog; set CL_SURVEY_DEBUG=1 to see "
            "the traceback and please report it.",
            err=True,
        )
        sys.exit(EXIT_INTERNAL)
    sys.exit(status if isinstance(status, int) else 0)

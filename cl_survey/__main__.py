"""`python -m cl_survey` runs the same CLI as the `cl-survey` command."""

from cl_survey.cli import main

__all__ = ["main"]

if __name__ == "__main__":
    main()

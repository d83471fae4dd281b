"""The examples of the "Using cl-survey from Python" page run as doctests."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

PAGE = Path(__file__).parents[1] / "site" / "docs" / "python.md"
_BLOCK = re.compile(r"```pycon\n(.*?)```", re.DOTALL)


def test_python_page_examples_run() -> None:
    text = PAGE.read_text(encoding="utf-8")
    examples = "\n".join(_BLOCK.findall(text))
    assert examples.count(">>>") > 30
    parser = doctest.DocTestParser()
    test = parser.get_doctest(examples, {}, PAGE.name, str(PAGE), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    output: list[str] = []
    runner.run(test, out=output.append)
    assert runner.failures == 0, "".join(output)

"""The public surface: __all__ lists exactly the public names, and each is importable."""

from __future__ import annotations

import importlib
import pkgutil

import cl_survey


def test_all_lists_exactly_the_public_names() -> None:
    public = {name for name in dir(cl_survey) if not name.startswith("_")}
    modules = {info.name for info in pkgutil.iter_modules(cl_survey.__path__)}
    assert set(cl_survey.__all__) - {"__version__"} == public - modules


def test_every_module_declares_all() -> None:
    for info in pkgutil.walk_packages(cl_survey.__path__, "cl_survey."):
        module = importlib.import_module(info.name)
        assert hasattr(module, "__all__"), f"{info.name} has no __all__"
        for name in module.__all__:
            assert hasattr(module, name), f"{info.name}.__all__ names missing {name!r}"


def test_package_is_typed() -> None:
    assert importlib.resources.files("cl_survey").joinpath("py.typed").is_file()

"""Every Python package folder ships: pyproject lists packages by hand (the folders are mapped
through package-dir), and a subpackage missing there works in an editable install and is
absent from a built wheel."""
from __future__ import annotations

import ast
import re
import tomllib

from conftest import ROOT


def test_every_package_folder_is_listed_in_pyproject():
    tool = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    found = set()
    for package, folder in tool["package-dir"].items():
        for init in (ROOT / folder).rglob("__init__.py"):
            parts = init.parent.relative_to(ROOT / folder).parts
            found.add(".".join((package, *parts)))
    assert found == set(tool["packages"])


def test_html_cleaning_is_a_dependency_of_its_own():
    """justext asks for lxml[html_clean], an extra lxml 6 no longer has: with the pip a new venv
    has (23), nothing was installed and every .html file, URL and feed died with an ImportError."""
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    names = {re.split(r"[^A-Za-z0-9._-]", d, maxsplit=1)[0].replace("_", "-").lower() for d in declared}
    assert "lxml-html-clean" in names


def test_tests_reach_the_shared_corpus_only_as_an_extra():
    """A user's clone has no ../shared: every test must cover its behaviour on data the project
    ships, with ../shared's dev corpus only as extra parameters (`conftest.with_dev`)."""
    offending = []
    for path in sorted((ROOT / "tests").glob("*.py")):
        if path.name in ("conftest.py", "test_packaging.py"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        extras = {id(n) for call in ast.walk(tree) if isinstance(call, ast.Call)
                  and getattr(call.func, "id", None) == "with_dev" for n in ast.walk(call)}
        extras |= {id(e.value) for e in ast.walk(tree) if isinstance(e, ast.Expr)}  # docstrings say where
        for node in ast.walk(tree):
            named = isinstance(node, ast.Name) and node.id in ("SHARED", "DEV")
            written = isinstance(node, ast.Constant) and isinstance(node.value, str) and "shared/corpus" in node.value
            if (named or written) and id(node) not in extras:
                offending.append(f"{path.name}:{node.lineno}")
    assert not offending, "tests reading ../shared outside with_dev: " + ", ".join(offending)

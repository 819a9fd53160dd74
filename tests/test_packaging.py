"""Every Python package folder ships: pyproject lists packages by hand (the folders are mapped
through package-dir), and a subpackage missing there works in an editable install and is
absent from a built wheel."""
from __future__ import annotations

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

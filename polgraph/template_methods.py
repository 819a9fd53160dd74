"""One `PolGraph` method per saved Cypher template, so a new .cypher file is a new method with
nothing to register."""
from __future__ import annotations

from typing import Any, Callable

from polgraph.core.errors import PolGraphError
from polgraph.queries import library


def template_method(tpl: library.Template, owner: str) -> Callable[..., list[dict]]:
    """`<owner>.<template name>`: the template as a method whose signature and help come from its header."""
    signature = tpl.signature()

    def run(self: Any, *args: Any, **kwargs: Any) -> list[dict]:
        bound = signature.bind(self, *args, **kwargs).arguments
        return self.query(tpl.name, **{k: v for k, v in bound.items() if k != "self"})

    run.__name__ = tpl.name
    run.__qualname__ = f"{owner}.{tpl.name}"
    run.__doc__ = tpl.docstring()
    run.__signature__ = signature  # type: ignore[attr-defined]
    return run


def attach_templates(cls: type) -> None:
    """Give `cls` (`PolGraph`, whose `query` runs a template) one method per saved template.

    A template named like an existing method stays reachable through `query` (a test keeps
    names apart). A broken header attaches nothing here: every command that reads the
    templates reports it as one line, instead of `import polgraph` failing with a traceback.
    """
    try:
        found = library.templates()
    except PolGraphError:
        return
    for tpl in found.values():
        if not hasattr(cls, tpl.name):
            setattr(cls, tpl.name, template_method(tpl, cls.__name__))

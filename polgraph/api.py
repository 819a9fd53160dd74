"""`PolGraph`: the library facade. Every CLI command is a thin layer over one method here."""
from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Any, Sequence

from polgraph.core import settings
from polgraph.core.errors import InputError
from polgraph.core.names import name_key
from polgraph.graph import merge as gm
from polgraph.graph import reads, writes
from polgraph.graph.store import Store, open_store
from polgraph.intake import Intake
from polgraph.judgements import from_aliases, judgements_path
from polgraph.queries import library
from polgraph.resolver import Resolver
from polgraph.template_methods import attach_templates

VIEW_TOP = 200  # actors a view draws unless asked otherwise: a bigger page is unreadable


class PolGraph(Intake):
    """A store of political actors and sourced claims, and the ways in and out of it."""

    def __init__(self, store: str | None = None, *, home: Path | None = None, model: str | None = None,
                 batch_size: int | None = None, judgements: str | Path | None = None,
                 gazetteers: Sequence[str | Path] = (), aliases: str | Path | None = None,
                 extractor: str | None = None) -> None:
        """`gazetteers`: the user's YAML files of bodies and their aliases, on top of the packaged ones;
        `aliases`: a YAML file whose `merge:` and `forbid:` lists force or forbid merges in extraction;
        `extractor`: what states claims, "rules", "model" (the packaged relation model) or "both"
        (default: POLGRAPH_EXTRACTOR, else both)."""
        self.store_uri = settings.store_uri(store)
        self._home = home
        self._judgements = judgements
        self.model = settings.model_name(model)
        self.extractor = settings.extractor_name(extractor)
        self.batch_size = settings.batch_size(batch_size)
        self.gazetteers = tuple(Path(p) for p in gazetteers)
        self.aliases = Path(aliases) if aliases else None

    @classmethod
    def open(cls, store: str | None = None, **kwargs: Any) -> "PolGraph":
        """A graph on `store` (a URI; None: POLGRAPH_STORE, else the embedded store).

        The store is connected (and the embedded server started) on first use, so
        `extract` never touches a database.
        """
        return cls(store, **kwargs)

    @property
    def home(self) -> Path:
        return self._home or settings.home()

    @cached_property
    def store(self) -> Store:
        return open_store(self.store_uri, self.home)

    @cached_property
    def writable_store(self) -> Store:
        """The store, with the schema's constraints and indexes made sure of before the first write.

        Only writers ask for this: a read-only analyst on a shared Neo4j never issues schema changes.
        Articles stored by an older polgraph get what the loader now writes with them.
        """
        if settings.create_schema():
            self.store.ensure_schema()
            self.store.run(writes.TITLE_LOWER_BACKFILL, write=True)
        return self.store

    def close(self) -> None:
        if "store" in self.__dict__:
            self.store.close()
            del self.__dict__["store"]
            self.__dict__.pop("writable_store", None)
            self.__dict__.pop("resolver", None)

    def __enter__(self) -> "PolGraph":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- out ------------------------------------------------------------------------

    def templates(self) -> list[dict]:
        """Every saved template: name, description, parameters, columns."""
        return [t.describe() for t in library.templates().values()]

    def query(self, template: str, /, **params: Any) -> list[dict]:
        """Run a saved template; actor parameters are found by any alias, in any case."""
        tpl = library.get(template)
        return self.store.run(tpl.cypher, self.bind(tpl, params))

    def explain(self, template: str, /, **params: Any) -> dict:
        """The Cypher and the bound parameters of a template call, to paste into Neo4j Browser."""
        tpl = library.get(template)
        return {"cypher": tpl.cypher, "params": self.bind(tpl, params)}

    def bind(self, tpl: library.Template, params: dict[str, Any]) -> dict[str, Any]:
        bound = tpl.bind(params)
        for p in tpl.params.values():
            if p.type == "actor" and bound.get(p.name) is not None:
                bound[p.name] = self.find(bound[p.name])["id"]
        return bound

    def find(self, name: str) -> dict:
        """The entity a name denotes: its id (a merged-away id gives the actor it joined), else an
        exact alias match in any case; else an error that suggests close names, or, when the name
        belongs to several actors (one name stored as a Person and as a Group), lists their ids."""
        by_id = self._by_id(name)
        if by_id is not None:
            return by_id
        key = name_key(name)
        rows = self.store.run(reads.BY_ALIAS_KEY, {"key": key})
        if len(rows) > 1:
            exact = [r for r in rows if name_key(r["name"]) == key]
            rows = exact or rows
        if len(rows) == 1:
            return rows[0]
        if rows:
            found = ", ".join(f"{r['name']} ({r['type']}, id {r['id']})" for r in sorted(rows, key=lambda r: r["id"]))
            raise InputError(f"{name!r} could mean several actors: {found}; give the full name or the id")
        raise InputError(f"no actor called {name!r}{self._suggest(key)}")

    def _by_id(self, text: str) -> dict | None:
        """The entity whose id `text` is, following merges: ids are what names resolve to, so they work too."""
        found = gm.entity(self.store, text)
        if found is None and gm.redirect(self.store, text) is not None:
            found = gm.entity(self.store, gm.final_id(text, gm.redirects(self.store)))
        return {k: found[k] for k in ("id", "name", "type")} if found else None

    def _suggest(self, key: str) -> str:
        from rapidfuzz import fuzz, process

        rows = self.store.run(reads.ALIAS_KEYS)
        if not rows:
            return " (the store is empty)"
        names = {r["key"]: r["name"] for r in rows}
        close = process.extract(key, list(names), scorer=fuzz.WRatio, limit=8, score_cutoff=60)
        suggestions = list(dict.fromkeys(names[k] for k, _, _ in close))[:3]
        return f"; did you mean {', '.join(suggestions)}?" if suggestions else ""

    def cypher(self, query: str, write: bool = False, **params: Any) -> list[dict]:
        """Raw Cypher; read-only unless `write`, enforced by the store, not by the text."""
        return (self.writable_store if write else self.store).run(query, params, write=write)

    def info(self) -> dict:
        """Store URI (no password), spaCy pipeline, and node, relationship and article counts."""
        nodes = self.store.run(reads.NODE_COUNT)[0]["c"]
        rels = self.store.run(reads.RELATIONSHIP_COUNT)[0]["c"]
        articles = self.store.run(reads.ARTICLE_COUNT)[0]["c"]
        return {
            "store": self.store.display_uri,
            "model": self.model,
            "counts": {"nodes": nodes, "relationships": rels, "articles": articles},
            "merges": gm.merge_counts(self.store),
        }

    def store_check(self, repair: bool = True) -> dict:
        """Whether every article marked stored still has the claims it was stored with; with `repair`,
        those that lost some are un-marked, so the next ingest of their sources writes them again."""
        from polgraph.graph.integrity import check

        return check(self.writable_store if repair else self.store, repair=repair).to_json()

    def store_reset(self) -> str:
        """Empty the embedded store under `home`, whatever store this graph uses: every article, actor
        and claim (the judgements file is kept). Returns where it was; other stores are their owner's."""
        with open_store(None, self.home) as embedded:
            embedded.clear()
            return embedded.display_uri

    # ---- entity resolution ------------------------------------------------------------

    @cached_property
    def resolver(self) -> Resolver:
        """Store-wide resolution, judged through `judgements` (POLGRAPH_JUDGEMENTS, else under home)
        and the aliases file's merges and forbidden pairs, which come first."""
        return Resolver(self.store, judgements_path(self._judgements, self.home), self.find, self.batch_size,
                        given=from_aliases(self.aliases))

    def resolve_candidates(self, min_score: float = 0.5) -> list[dict]:
        """Likely duplicates, best first: {"a", "b", "a_id", "b_id", "score" 0..1, "why", "articles"}."""
        return self.resolver.candidates(min_score)

    def resolve_merge(self, a: str, b: str, as_type: str | None = None) -> dict:
        """B joins A (names or ids): claims re-pointed, aliases united, provenance kept; judgement recorded.

        A and B of two types (a Person and a Group of one name) need `as_type`: the one of that type is kept."""
        return self.resolver.merge(a, b, as_type)

    def resolve_never(self, a: str, b: str) -> dict:
        """A and B never merge, automatically or on replay; split first if they are merged."""
        return self.resolver.never(a, b)

    def resolve_undo(self, a: str, b: str) -> dict:
        """Split B out of A again, each with its own claims; automatic merging leaves them apart."""
        return self.resolver.undo(a, b)

    def resolve_apply(self) -> dict[str, int]:
        """Replay the judgements file, then merge automatically (what ingest does after each batch)."""
        return self.resolver.settle()

    def to_networkx(self):
        """The actor graph as a networkx MultiDiGraph: entities with their properties, claims as edges."""
        from polgraph.graph.export import to_networkx

        return to_networkx(self.store)

    def analyze_centrality(self, by: str = "support", limit: int = 20) -> list[dict]:
        """Who is most central in support, in criticism, or as a broker between actors (by=brokerage)."""
        from polgraph.analysis import centrality

        return centrality(self.to_networkx(), by=by, limit=limit)

    def analyze_factions(self, min_size: int = 2) -> list[dict]:
        """Camps of actors from the signed graph (support positive, criticism negative), largest first."""
        from polgraph.analysis import factions

        return factions(self.to_networkx(), min_size=min_size)

    def view(self, around: str | None = None, depth: int = 1, query: str | None = None,
             params: dict[str, Any] | None = None, top: int | None = VIEW_TOP, output: Path | None = None):
        """An interactive, offline page: an actor's neighbourhood (`around`, `depth` hops), the actors
        a saved template names (`query`, `params`), or the whole graph, capped to the `top` most
        connected actors (None: no cap). Returns a `Page`: the HTML, with `.note` saying what was
        left out; Jupyter shows it inline."""
        from polgraph.viz.view import render_view

        if around and query:
            raise InputError("draw either the neighbourhood of an actor (--around) or a query (--query), not both")
        centre = self.find(around)["id"] if around else None
        rows, actors, title = None, [], None
        if query:
            tpl = library.get(query)
            bound = self.bind(tpl, params or {})
            rows = self.store.run(tpl.cypher, bound)
            actors = [bound[p.name] for p in tpl.params.values() if p.type == "actor" and bound.get(p.name)]
            title = f"{query}({', '.join(f'{k}={v}' for k, v in (params or {}).items())})"
        return render_view(self.store, centre=centre, depth=depth, rows=rows, actors=actors, top=top,
                           output=output, title=title)

    def export(self, fmt: str, output: Path | None = None) -> str | None:
        """The whole graph as ttl, jsonld, nt (RDF), graphml, gexf (networkx) or csv (a folder for
        neo4j-admin import), written to `output`; without `output`, the text is returned."""
        from polgraph.graph.export import export

        return export(self.store, fmt, Path(output) if output is not None else None)


attach_templates(PolGraph)

"""Every statement that writes the store: loading, ranking counts, merges and their undo, the schema.

Labels and types come from the schema (`labels`); values only ever as `$parameters`, most as
the `$rows` of one `UNWIND`. Which statements run when, and with which rows, is the callers'
business (`loader`, `counts`, `merge`, `integrity`); the statements that read are in `reads`.
"""
from __future__ import annotations

from typing import Iterator

from polgraph.graph import counts
from polgraph.graph import schema as schema_mod
from polgraph.graph.labels import ALIAS, ALIAS_OF, ARTICLE, ENTITY, MENTIONS, REDIRECT, claim_type, node_label

# ---- loading ----------------------------------------------------------------------------

# Merge the articles in `$rows`. Articles come first: the MERGE that creates an article is what
# tells the load the article is new (`fresh`), so that its claims and mentions can be created
# rather than merged; `loading` holds the load's token `$load` until the article is marked
# stored. `title_lower` saves article_summary lower-casing every title it searches.
MERGE_ARTICLES = (
    f"UNWIND $rows AS row MERGE (a:{ARTICLE} {{id: row.id}}) ON CREATE SET a.loading = $load "
    "SET a.title = row.title, a.title_lower = toLower(row.title), a.url = row.url, a.published = row.published, "
    "a.source = row.source, a.author = row.author, a.full_id = row.full_id "
    "RETURN row.id AS id, a.loading = $load AS fresh"
)
# Give `title_lower` to articles loaded before the loader kept it.
TITLE_LOWER_BACKFILL = (
    f"MATCH (a:{ARTICLE}) WHERE a.title_lower IS NULL AND a.title IS NOT NULL SET a.title_lower = toLower(a.title)"
)
# Mark the articles in `$rows` stored, written last: the mark that everything an article yielded is
# stored, with how many claims that was (merges re-point claims but never change their number:
# `integrity` checks it), and the hash of its text, by which a later load knows the text stored.
MARK_STORED = (
    f"UNWIND $rows AS row MATCH (a:{ARTICLE} {{id: row.id}}) SET a.hash = row.hash, a.claims = row.claims, "
    "a.text_hash = row.text_hash, a.loading = null"
)
# Set the name and aliases of the entities in `$rows` ([id, name, aliases]): the values a bulk insert
# could not carry exactly (`bulk.fix_up`).
SET_ENTITY_VALUES = f"UNWIND $rows AS row MATCH (n:{ENTITY} {{id: row[0]}}) SET n.name = row[1], n.aliases = row[2]"
# Un-mark the articles in `$ids`, so the next ingest of their sources writes them again.
UNMARK = f"UNWIND $ids AS id MATCH (a:{ARTICLE} {{id: id}}) SET a.hash = null"

# A claim row of `merge_claims`: its ends, then its schema properties.
CLAIM_COLUMNS = ("subject", "object", *schema_mod.load().claim_properties)


def merge_entities(label: str) -> str:
    """Merge entities of one label and their Alias nodes, writing only what is new.

    Each row's `forms` are [surface, key] for its name and aliases. A form the node
    already has as name or alias was linked by an earlier load, so an actor that comes
    back batch after batch with nothing new costs one index seek and never reaches MERGE
    (a MERGE that matches costs four times a seek on FalkorDB).
    """
    label = node_label(label)
    return (
        f"UNWIND $rows AS row OPTIONAL MATCH (old:{ENTITY} {{id: row.id}}) "
        "WITH row, old WHERE old IS NULL OR old.name <> row.name "
        "OR any(f IN row.forms WHERE f[0] <> old.name AND NOT f[0] IN coalesce(old.aliases, [])) "
        f"MERGE (n:{ENTITY}:{label} {{id: row.id}}) "
        "WITH n, row, [f IN row.forms WHERE f[0] <> coalesce(n.name, '') "
        "AND NOT f[0] IN coalesce(n.aliases, [])] AS fresh "
        "SET n.name = row.name, n.type = row.type, "
        "n.aliases = [x IN coalesce(n.aliases, []) WHERE NOT x IN row.aliases] + row.aliases "
        f"WITH n, fresh UNWIND fresh AS f MERGE (a:{ALIAS} {{key: f[1]}}) MERGE (a)-[:{ALIAS_OF}]->(n)"
    )


def merge_claims(rel_type: str, *, fresh: bool) -> str:
    """Write claims of one type; rows are lists in CLAIM_COLUMNS order.

    Claims of articles this load created (`fresh`) cannot exist yet, so they are CREATEd;
    those of articles already in the store are MERGEd on their article. Their ends are
    looked up with OPTIONAL MATCH: an end missing from the store fails the statement
    instead of dropping the claim.
    """
    rel_type = claim_type(rel_type)
    col = {name: i for i, name in enumerate(CLAIM_COLUMNS)}
    props = ", ".join(f"r.{p} = row[{col[p]}]" for p in schema_mod.load().claim_properties if p != "article")
    return (f"UNWIND $rows AS row OPTIONAL MATCH (s:{ENTITY} {{id: row[{col['subject']}]}}) "
            f"OPTIONAL MATCH (o:{ENTITY} {{id: row[{col['object']}]}}) "
            f"{'CREATE' if fresh else 'MERGE'} (s)-[r:{rel_type} {{article: row[{col['article']}]}}]->(o) SET {props}")


def link_mentions(*, fresh: bool) -> str:
    """Link articles to the entities they mention: rows are [article id, [entity ids]]; `fresh`
    articles cannot have any yet, so the links are CREATEd."""
    write = "CREATE" if fresh else "MERGE"
    return (f"UNWIND $rows AS row MATCH (a:{ARTICLE} {{id: row[0]}}) UNWIND row[1] AS eid "
            f"OPTIONAL MATCH (e:{ENTITY} {{id: eid}}) {write} (a)-[:{MENTIONS}]->(e)")


# ---- ranking counts (graph/counts.py) ---------------------------------------------------

# The claims a count in each direction counts, `r` from `e` to `other`.
_COUNT_PATTERNS = {"in": "(e)<-[r:{t}]-(other:{entity})", "out": "(e)-[r:{t}]->(other:{entity})"}


def refresh_counts(rel_type: str, direction: str) -> str:
    """Recompute one type's counts, in one direction, for the entities in `$ids`."""
    pattern = _COUNT_PATTERNS[direction].format(t=claim_type(rel_type), entity=ENTITY)
    return (
        f"UNWIND $ids AS id MATCH (e:{ENTITY} {{id: id}}) OPTIONAL MATCH {pattern} "
        "WITH e, count(DISTINCT other) AS actors, count(r) AS claims, count(DISTINCT r.article) AS articles "
        "SET " + ", ".join(f"e.{counts.prop(direction, rel_type, what)} = {what}" for what in counts.WHATS)
    )


def count_refreshes(ids: dict[tuple[str, str], set[str]], batch_size: int) -> Iterator[tuple[str, dict]]:
    """`refresh_counts` for the entities `counts.touched` returns, by (type, direction), in batches."""
    for (rel_type, direction), wanted in sorted(ids.items()):
        statement = refresh_counts(rel_type, direction)
        ordered = sorted(wanted)
        for i in range(0, len(ordered), batch_size):
            yield statement, {"ids": ordered[i : i + batch_size]}


def increment_counts(change: counts.Change) -> str:
    """Add one group of `counts.increment_rows` to the entities' counts."""
    direction, rel_type, whats = change
    if rel_type not in counts.COUNTED or direction not in counts.DIRECTIONS or not set(whats) <= set(counts.WHATS):
        raise ValueError(f"{change!r} is not a count of graph/counts.py")
    items = ", ".join(f"e.{p} = coalesce(e.{p}, 0) + row[{i}]"
                      for i, p in enumerate((counts.prop(direction, rel_type, w) for w in whats), start=1))
    return f"UNWIND $rows AS row MATCH (e:{ENTITY} {{id: row[0]}}) SET {items}"


# ---- merge and undo (graph/merge.py) ----------------------------------------------------

# Lists are united, not replaced: an entity loaded again under a merged-away id and merged
# again must leave undo everything the first merge recorded.
_UNION = "[x IN coalesce({v}, []) WHERE NOT x IN ${p}] + ${p}"

# Write (or extend) the Redirect of merged-away `$id` into `$into`, with what undo needs.
WRITE_REDIRECT = (
    f"MERGE (r:{REDIRECT} {{id: $id}}) SET r.into = $into, r.name = $name, r.type = $type, "
    f"r.aliases = {_UNION.format(v='r.aliases', p='aliases')}, r.added = {_UNION.format(v='r.added', p='added')}, "
    "r.how = $how, r.reason = $reason, r.at = $at"
)
# Move the mentions of `$from` to `$to`, remembering in `via` which ids the articles named.
MOVE_MENTIONS = (
    f"MATCH (art:{ARTICLE})-[m:{MENTIONS}]->(x:{ENTITY} {{id: $from}}) MATCH (y:{ENTITY} {{id: $to}}) "
    f"MERGE (art)-[n:{MENTIONS}]->(y) "
    "ON CREATE SET n.via = coalesce(m.via, [$from]) "
    "ON MATCH SET n.via = coalesce(n.via, [$to]) + coalesce(m.via, [$from]) "
    "DELETE m"
)
# Point the Alias nodes of `$from` at `$to`.
MOVE_ALIASES = (f"MATCH (al:{ALIAS})-[l:{ALIAS_OF}]->(x:{ENTITY} {{id: $from}}) MATCH (y:{ENTITY} {{id: $to}}) "
                f"MERGE (al)-[:{ALIAS_OF}]->(y) DELETE l")
# Set the alias list of the entity `$id` to `$aliases`.
SET_ALIASES = f"MATCH (y:{ENTITY} {{id: $id}}) SET y.aliases = $aliases"
# Delete the merged-away entity `$id` with its remaining relationships.
DELETE_ENTITY = f"MATCH (x:{ENTITY} {{id: $id}}) DETACH DELETE x"
# Delete the Redirect of `$id` once undo has restored it.
DELETE_REDIRECT = f"MATCH (r:{REDIRECT} {{id: $id}}) DELETE r"
# Give back to `$to` the mentions of `$from` that came from one of `$ids`.
SPLIT_MENTIONS = (
    f"MATCH (art:{ARTICLE})-[m:{MENTIONS}]->(x:{ENTITY} {{id: $from}}) WHERE any(v IN m.via WHERE v IN $ids) "
    f"MATCH (y:{ENTITY} {{id: $to}}) MERGE (art)-[n:{MENTIONS}]->(y) "
    "SET n.via = [v IN m.via WHERE v IN $ids] "
    "SET m.via = [v IN m.via WHERE NOT v IN $ids]"
)
# Drop the mentions of `$from` or `$to` that no id is left for.
DROP_EMPTY_MENTIONS = (f"MATCH (:{ARTICLE})-[m:{MENTIONS}]->(x:{ENTITY}) WHERE x.id IN [$from, $to] "
                       "AND size(m.via) = 0 DELETE m")
# A mention that came only from the node itself needs no `via`.
CLEAR_OWN_VIA = (f"MATCH (:{ARTICLE})-[m:{MENTIONS}]->(x:{ENTITY}) WHERE x.id IN [$from, $to] "
                 "AND size(m.via) = 1 AND m.via[0] = x.id SET m.via = null")
# Link the Alias nodes of `$keys` (created if need be) to the entity `$id`.
LINK_ALIASES = (f"UNWIND $keys AS key MERGE (al:{ALIAS} {{key: key}}) WITH al MATCH (x:{ENTITY} {{id: $id}}) "
                f"MERGE (al)-[:{ALIAS_OF}]->(x)")
# Unlink from the entity `$id` every Alias whose key is not in `$keys`.
UNLINK_OTHER_ALIASES = (f"MATCH (al:{ALIAS})-[l:{ALIAS_OF}]->(y:{ENTITY} {{id: $id}}) WHERE NOT al.key IN $keys "
                        "DELETE l")


def restore_entity(label: str) -> str:
    """Re-create the merged-away entity `$id` of one label from its Redirect's `$name`, `$type`, `$aliases`."""
    return (f"MERGE (x:{ENTITY}:{node_label(label)} {{id: $id}}) "
            f"SET x.name = $name, x.type = $type, x.aliases = {_UNION.format(v='x.aliases', p='aliases')}")


# One direction of a claim: the pattern with the moving end `x` and the other end `o`, and the same
# relationship on the new end `y` ({K} for the properties it is keyed on).
OUTGOING = (f"(x:{ENTITY} {{id: $from}})-[r:{{T}}]->(o:{ENTITY})", "(y)-[n:{T}{K}]->(o)")
INCOMING = (f"(o:{ENTITY})-[r:{{T}}]->(x:{ENTITY} {{id: $from}})", "(o)-[n:{T}{K}]->(y)")


def move_claims(rel_type: str, ends: tuple[str, str], orig: str, orig_value: str, *, where: str, keyed: bool) -> str:
    """Re-create every `rel_type` claim of one direction (`ends`) of `$from` on `$to`, properties and all,
    recording in `orig` (orig_subject / orig_object) the id the extraction gave that end.

    `orig_value` and `where` are Cypher expressions fixed by `merge` (they name `r`, `$to`, `$ids`).
    `keyed`: MERGE on (article, original id) instead of CREATE.
    """
    pattern, create = ends
    key = f" {{article: r.article, {orig}: {orig_value}}}" if keyed else ""
    target = create.replace("{T}", claim_type(rel_type)).replace("{K}", key)
    cond = f"WHERE {where} " if where else ""
    return (f"MATCH {pattern.replace('{T}', rel_type)} {cond}MATCH (y:{ENTITY} {{id: $to}}) "
            f"{'MERGE' if keyed else 'CREATE'} {target} SET n = properties(r), n.{orig} = {orig_value} DELETE r")


# ---- the schema -------------------------------------------------------------------------

def falkor_index(label: str, prop: str) -> str:
    """FalkorDB: an exact-match index on one property of one label (from `Schema.indexes`)."""
    return f"CREATE INDEX FOR (n:{node_or_entity(label)}) ON (n.{prop})"


def neo4j_index(name: str, label: str, prop: str, *, unique: bool) -> str:
    """Neo4j: a unique constraint, or a plain index, on one property of one label, created once."""
    label = node_or_entity(label)
    if unique:
        return f"CREATE CONSTRAINT {name} IF NOT EXISTS FOR (n:{label}) REQUIRE n.{prop} IS UNIQUE"
    return f"CREATE INDEX {name} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})"


def node_or_entity(label: str) -> str:
    """A node label of the schema, or its shared entity label."""
    return label if label == ENTITY else node_label(label)

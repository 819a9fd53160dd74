"""Every statement that reads the store: one named constant (or small builder) per question.

Labels and types come from the schema (`labels`); values only ever as `$parameters`. The
saved templates users run are in `queries/*.cypher`, not here; the statements that write are
in `writes`.
"""
from __future__ import annotations

from typing import Iterable

from polgraph.graph.labels import ALIAS, ALIAS_OF, ARTICLE, ENTITY, MENTIONS, REDIRECT, claim_type

# ---- the store as a whole ---------------------------------------------------------------

# Is the server answering at all?
PING = "RETURN 0"
# How many nodes, relationships and articles the store holds (`polgraph info`).
NODE_COUNT = "MATCH (n) RETURN count(n) AS c"
RELATIONSHIP_COUNT = "MATCH ()-[r]->() RETURN count(r) AS c"
ARTICLE_COUNT = f"MATCH (a:{ARTICLE}) RETURN count(a) AS c"

# ---- articles ---------------------------------------------------------------------------

# Which of `$ids` are stored, with the content hash they were stored with.
STORED_HASHES = (
    f"UNWIND $ids AS id MATCH (a:{ARTICLE} {{id: id}}) WHERE a.hash IS NOT NULL RETURN a.id AS id, a.hash AS hash"
)
# Articles marked stored whose text hash is among `$hashes`: the same text under another id.
STORED_TEXTS = (f"MATCH (a:{ARTICLE}) WHERE a.text_hash IN $hashes AND a.hash IS NOT NULL "
                "RETURN a.text_hash AS text_hash, a.id AS id")
# Articles marked stored, with the number of claims the loader wrote for each.
MARKED = f"MATCH (a:{ARTICLE}) WHERE a.hash IS NOT NULL RETURN a.id AS id, a.claims AS claims"
# How many articles were loaded but never marked stored (an ingest was stopped).
UNFINISHED = f"MATCH (a:{ARTICLE}) WHERE a.hash IS NULL RETURN count(a) AS n"
# How many claims of the types in `$types` each article states now.
CLAIMS_PER_ARTICLE = ("MATCH ()-[c]->() WHERE type(c) IN $types AND c.article IS NOT NULL "
                      "RETURN c.article AS id, count(c) AS n")
# Title and date of the articles in `$ids` (a view's evidence panel).
ARTICLE_TITLES = (f"MATCH (a:{ARTICLE}) WHERE a.id IN $ids "
                  "RETURN a.id AS id, a.title AS title, a.published AS published")
# Every article with all its properties (the RDF export).
ARTICLE_PROPERTIES = f"MATCH (a:{ARTICLE}) RETURN properties(a) AS props"


def articles_with(properties: Iterable[str]) -> str:
    """Every article's id and the named `properties` (schema property names, never user input)."""
    return f"MATCH (a:{ARTICLE}) RETURN a.id AS id, " + ", ".join(f"a.{p} AS {p}" for p in properties)


# Every (article, entity) it mentions.
MENTION_PAIRS = f"MATCH (a:{ARTICLE})-[:{MENTIONS}]->(e:{ENTITY}) RETURN a.id AS article, e.id AS entity"

# ---- entities and names -----------------------------------------------------------------

_ENTITY_COLUMNS = "RETURN e.id AS id, e.name AS name, e.type AS type, e.aliases AS aliases"
# Every entity: id, name, type, aliases.
ENTITIES = f"MATCH (e:{ENTITY}) {_ENTITY_COLUMNS}"
# The same for the entities in `$ids`: the id index finds them, nothing else is read.
ENTITIES_AMONG = f"MATCH (e:{ENTITY}) WHERE e.id IN $ids {_ENTITY_COLUMNS}"
# The entity with id `$id`.
ENTITY_BY_ID = f"MATCH (e:{ENTITY} {{id: $id}}) {_ENTITY_COLUMNS}"


def entities_with(properties: Iterable[str]) -> str:
    """Every entity with the named `properties` (schema or count property names) as extra columns."""
    return ENTITIES + "".join(f", e.{p} AS {p}" for p in properties)


# Every entity and the ids of the articles that mention it (resolution's co-mentions).
ENTITIES_MENTIONED = (
    f"MATCH (e:{ENTITY}) OPTIONAL MATCH (art:{ARTICLE})-[:{MENTIONS}]->(e) "
    "RETURN e.id AS id, e.name AS name, e.type AS type, e.aliases AS aliases, collect(art.id) AS articles"
)
# The ids of entities named or identified by any of `$values`.
NAMED = f"MATCH (e:{ENTITY}) WHERE e.name IN $values OR e.id IN $values RETURN e.id AS id"
# The entities whose name or alias has lookup key `$key`.
BY_ALIAS_KEY = (f"MATCH (:{ALIAS} {{key: $key}})-[:{ALIAS_OF}]->(e:{ENTITY}) "
                "RETURN e.id AS id, e.name AS name, e.type AS type")
# Every lookup key and the name of the entity it leads to (suggestions for a name not found).
ALIAS_KEYS = f"MATCH (a:{ALIAS})-[:{ALIAS_OF}]->(e:{ENTITY}) RETURN a.key AS key, e.name AS name"
# Every Alias node's key.
ALIASES = f"MATCH (a:{ALIAS}) RETURN a.key AS key"
# Every (alias key, entity id) link.
ALIAS_LINKS = f"MATCH (a:{ALIAS})-[:{ALIAS_OF}]->(e:{ENTITY}) RETURN a.key AS a, e.id AS e"

# ---- claims -----------------------------------------------------------------------------

_CLAIM_COLUMNS = "RETURN s.id AS source, type(r) AS type, o.id AS target, properties(r) AS props"
# Every claim of the types in `$types`: ends, type, properties.
CLAIMS = f"MATCH (s:{ENTITY})-[r]->(o:{ENTITY}) WHERE type(r) IN $types {_CLAIM_COLUMNS}"
# The same, for claims between the entities in `$ids`.
CLAIMS_AMONG = (f"MATCH (s:{ENTITY})-[r]->(o:{ENTITY}) WHERE s.id IN $ids AND o.id IN $ids AND type(r) IN $types "
                f"{_CLAIM_COLUMNS}")
# How many claims of the types in `$types` there are.
CLAIM_COUNT = f"MATCH (:{ENTITY})-[r]->(:{ENTITY}) WHERE type(r) IN $types RETURN count(r) AS c"
# How many of them join two entities of `$ids`.
CLAIM_COUNT_AMONG = (f"MATCH (s:{ENTITY})-[r]->(o:{ENTITY}) WHERE s.id IN $ids AND o.id IN $ids AND type(r) IN $types "
                     "RETURN count(r) AS c")
# The entities a claim of the types in `$types` joins to one of `$ids`.
NEIGHBOURS = (f"MATCH (e:{ENTITY})-[r]-(n:{ENTITY}) WHERE e.id IN $ids AND type(r) IN $types "
              "RETURN DISTINCT n.id AS id")
# The other ends of the claims of the types in `$types` of the entity `$id`.
NEIGHBOURS_OF = (f"MATCH (x:{ENTITY} {{id: $id}})-[r]-(o:{ENTITY}) WHERE type(r) IN $types "
                 "RETURN DISTINCT o.id AS id")
# Distinct linked actors of each entity (claims of `$types`).
DEGREES = (f"MATCH (e:{ENTITY}) OPTIONAL MATCH (e)-[r]-(n:{ENTITY}) WHERE type(r) IN $types "
           "RETURN e.id AS id, e.name AS name, count(DISTINCT n) AS degree")
# The same, counting only links among the entities in `$ids`.
DEGREES_AMONG = (f"MATCH (e:{ENTITY}) WHERE e.id IN $ids OPTIONAL MATCH (e)-[r]-(n:{ENTITY}) "
                 "WHERE type(r) IN $types AND n.id IN $ids "
                 "RETURN e.id AS id, e.name AS name, count(DISTINCT n) AS degree")


def joined_pairs(rel_type: str) -> str:
    """Which of `$pairs` ([subject id, object id]) a `rel_type` claim already joins."""
    rel_type = claim_type(rel_type)
    return (f"UNWIND $pairs AS p MATCH (s:{ENTITY} {{id: p[0]}})-[:{rel_type}]->(o:{ENTITY} {{id: p[1]}}) "
            "RETURN DISTINCT p[0] AS subject, p[1] AS object")


# ---- merges -----------------------------------------------------------------------------

# The Redirect a merge left for the merged-away id `$id`.
REDIRECT_BY_ID = (
    f"MATCH (r:{REDIRECT} {{id: $id}}) RETURN r.id AS id, r.into AS into, r.name AS name, r.type AS type, "
    "r.aliases AS aliases, r.added AS added, r.how AS how"
)
# Every merged-away id, where it went and how.
REDIRECTS = (
    f"MATCH (r:{REDIRECT}) RETURN r.id AS id, r.into AS into, r.name AS name, r.type AS type, r.aliases AS aliases, "
    "r.how AS how"
)
# How many merges were made each way (automatic, judged).
MERGE_COUNTS = f"MATCH (r:{REDIRECT}) RETURN r.how AS how, count(r) AS merges"
# Merged-away ids that a later load created again as entities, and why they were merged.
RECREATED = f"MATCH (r:{REDIRECT}) MATCH (e:{ENTITY} {{id: r.id}}) RETURN r.id AS id, r.reason AS reason"

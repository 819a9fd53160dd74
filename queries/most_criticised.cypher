// name: most_criticised
// description: The actors criticised by the most distinct critics, with how many claims and articles say so.
// params:
//   limit: {type: int, default: 10, example: 10}
// columns: [actor, actor_type, critics, claims, articles]
// scale: reads the counts the loader keeps on each Entity (graph/counts.py), never the claims, and of those only the top; the range index on in_criticises_actors is searched at thresholds from the highest down (10000, 1000, 300, 100, 30, 15, 10, 7, 5, 4, 3, 2, 1) and stops at the first that $limit actors reach, which then hold the whole answer; each lower threshold is skipped by a guard checked before the index is read.
WITH [] AS top
UNWIND CASE WHEN size(top) < $limit THEN [null] ELSE [top] END AS k
OPTIONAL MATCH (t:Entity) WHERE k IS NULL AND t.in_criticises_actors >= 10000
WITH k, collect(t) AS tier WITH coalesce(k, tier) AS top
UNWIND CASE WHEN size(top) < $limit THEN [null] ELSE [top] END AS k
OPTIONAL MATCH (t:Entity) WHERE k IS NULL AND t.in_criticises_actors >= 1000
WITH k, collect(t) AS tier WITH coalesce(k, tier) AS top
UNWIND CASE WHEN size(top) < $limit THEN [null] ELSE [top] END AS k
OPTIONAL MATCH (t:Entity) WHERE k IS NULL AND t.in_criticises_actors >= 300
WITH k, collect(t) AS tier WITH coalesce(k, tier) AS top
UNWIND CASE WHEN size(top) < $limit THEN [null] ELSE [top] END AS k
OPTIONAL MATCH (t:Entity) WHERE k IS NULL AND t.in_criticises_actors >= 100
WITH k, collect(t) AS tier WITH coalesce(k, tier) AS top
UNWIND CASE WHEN size(top) < $limit THEN [null] ELSE [top] END AS k
OPTIONAL MATCH (t:Entity) WHERE k IS NULL AND t.in_criticises_actors >= 30
WITH k, collect(t) AS tier WITH coalesce(k, tier) AS top
UNWIND CASE WHEN size(top) < $limit THEN [null] ELSE [top] END AS k
OPTIONAL MATCH (t:Entity) WHERE k IS NULL AND t.in_criticises_actors >= 15
WITH k, collect(t) AS tier WITH coalesce(k, tier) AS top
UNWIND CASE WHEN size(top) < $limit THEN [null] ELSE [top] END AS k
OPTIONAL MATCH (t:Entity) WHERE k IS NULL AND t.in_criticises_actors >= 10
WITH k, collect(t) AS tier WITH coalesce(k, tier) AS top
UNWIND CASE WHEN size(top) < $limit THEN [null] ELSE [top] END AS k
OPTIONAL MATCH (t:Entity) WHERE k IS NULL AND t.in_criticises_actors >= 7
WITH k, collect(t) AS tier WITH coalesce(k, tier) AS top
UNWIND CASE WHEN size(top) < $limit THEN [null] ELSE [top] END AS k
OPTIONAL MATCH (t:Entity) WHERE k IS NULL AND t.in_criticises_actors >= 5
WITH k, collect(t) AS tier WITH coalesce(k, tier) AS top
UNWIND CASE WHEN size(top) < $limit THEN [null] ELSE [top] END AS k
OPTIONAL MATCH (t:Entity) WHERE k IS NULL AND t.in_criticises_actors >= 4
WITH k, collect(t) AS tier WITH coalesce(k, tier) AS top
UNWIND CASE WHEN size(top) < $limit THEN [null] ELSE [top] END AS k
OPTIONAL MATCH (t:Entity) WHERE k IS NULL AND t.in_criticises_actors >= 3
WITH k, collect(t) AS tier WITH coalesce(k, tier) AS top
UNWIND CASE WHEN size(top) < $limit THEN [null] ELSE [top] END AS k
OPTIONAL MATCH (t:Entity) WHERE k IS NULL AND t.in_criticises_actors >= 2
WITH k, collect(t) AS tier WITH coalesce(k, tier) AS top
UNWIND CASE WHEN size(top) < $limit THEN [null] ELSE [top] END AS k
OPTIONAL MATCH (t:Entity) WHERE k IS NULL AND t.in_criticises_actors >= 1
WITH k, collect(t) AS tier WITH coalesce(k, tier) AS top
UNWIND top AS target
RETURN target.name AS actor, target.type AS actor_type, target.in_criticises_actors AS critics,
       target.in_criticises_claims AS claims, target.in_criticises_articles AS articles
ORDER BY critics DESC, claims DESC, actor
LIMIT $limit

// name: contested
// description: Actors that are both supported and criticised, ranked by how evenly divided opinion on them is.
// params:
//   min_each: {type: int, default: 1, example: 1, description: at least this many supporters and this many critics}
//   limit: {type: int, default: 20, example: 20}
// columns: [actor, actor_type, supporters, critics]
// scale: reads the counts the loader keeps on each Entity (graph/counts.py), never the claims, and of those only the top; the actors with at least f supporters and f critics are searched for through the range index on in_criticises_actors at f from the highest down (10000, 1000, 300, 100, 30, 10, 5, 3, 2, 1, none below $min_each, then $min_each itself), stopping at the first f that $limit actors reach, which then hold the whole answer; each lower threshold is skipped by a guard checked before the index is read.
WITH [] AS top
UNWIND CASE WHEN size(top) < $limit AND $min_each <= 10000 THEN [null] ELSE [top] END AS k
OPTIONAL MATCH (t:Entity) WHERE k IS NULL AND t.in_criticises_actors >= 10000 AND t.in_supports_actors >= 10000
WITH k, collect(t) AS tier WITH coalesce(k, tier) AS top
UNWIND CASE WHEN size(top) < $limit AND $min_each <= 1000 THEN [null] ELSE [top] END AS k
OPTIONAL MATCH (t:Entity) WHERE k IS NULL AND t.in_criticises_actors >= 1000 AND t.in_supports_actors >= 1000
WITH k, collect(t) AS tier WITH coalesce(k, tier) AS top
UNWIND CASE WHEN size(top) < $limit AND $min_each <= 300 THEN [null] ELSE [top] END AS k
OPTIONAL MATCH (t:Entity) WHERE k IS NULL AND t.in_criticises_actors >= 300 AND t.in_supports_actors >= 300
WITH k, collect(t) AS tier WITH coalesce(k, tier) AS top
UNWIND CASE WHEN size(top) < $limit AND $min_each <= 100 THEN [null] ELSE [top] END AS k
OPTIONAL MATCH (t:Entity) WHERE k IS NULL AND t.in_criticises_actors >= 100 AND t.in_supports_actors >= 100
WITH k, collect(t) AS tier WITH coalesce(k, tier) AS top
UNWIND CASE WHEN size(top) < $limit AND $min_each <= 30 THEN [null] ELSE [top] END AS k
OPTIONAL MATCH (t:Entity) WHERE k IS NULL AND t.in_criticises_actors >= 30 AND t.in_supports_actors >= 30
WITH k, collect(t) AS tier WITH coalesce(k, tier) AS top
UNWIND CASE WHEN size(top) < $limit AND $min_each <= 10 THEN [null] ELSE [top] END AS k
OPTIONAL MATCH (t:Entity) WHERE k IS NULL AND t.in_criticises_actors >= 10 AND t.in_supports_actors >= 10
WITH k, collect(t) AS tier WITH coalesce(k, tier) AS top
UNWIND CASE WHEN size(top) < $limit AND $min_each <= 5 THEN [null] ELSE [top] END AS k
OPTIONAL MATCH (t:Entity) WHERE k IS NULL AND t.in_criticises_actors >= 5 AND t.in_supports_actors >= 5
WITH k, collect(t) AS tier WITH coalesce(k, tier) AS top
UNWIND CASE WHEN size(top) < $limit AND $min_each <= 3 THEN [null] ELSE [top] END AS k
OPTIONAL MATCH (t:Entity) WHERE k IS NULL AND t.in_criticises_actors >= 3 AND t.in_supports_actors >= 3
WITH k, collect(t) AS tier WITH coalesce(k, tier) AS top
UNWIND CASE WHEN size(top) < $limit AND $min_each <= 2 THEN [null] ELSE [top] END AS k
OPTIONAL MATCH (t:Entity) WHERE k IS NULL AND t.in_criticises_actors >= 2 AND t.in_supports_actors >= 2
WITH k, collect(t) AS tier WITH coalesce(k, tier) AS top
UNWIND CASE WHEN size(top) < $limit AND $min_each <= 1 THEN [null] ELSE [top] END AS k
OPTIONAL MATCH (t:Entity) WHERE k IS NULL AND t.in_criticises_actors >= 1 AND t.in_supports_actors >= 1
WITH k, collect(t) AS tier WITH coalesce(k, tier) AS top
UNWIND CASE WHEN size(top) < $limit THEN [null] ELSE [top] END AS k
OPTIONAL MATCH (t:Entity) WHERE k IS NULL AND t.in_criticises_actors >= $min_each AND t.in_supports_actors >= $min_each
  AND t.in_criticises_actors > 0 AND t.in_supports_actors > 0
WITH k, collect(t) AS tier WITH coalesce(k, tier) AS top
UNWIND top AS target
WITH target, target.in_supports_actors AS supporters, target.in_criticises_actors AS critics
RETURN target.name AS actor, target.type AS actor_type, supporters, critics
ORDER BY CASE WHEN supporters < critics THEN supporters ELSE critics END DESC, supporters + critics DESC, actor
LIMIT $limit

// name: contested
// description: Actors that are both supported and criticised, ranked by how evenly divided opinion on them is.
// params:
//   min_each: {type: int, default: 1, example: 1, description: at least this many supporters and this many critics}
//   limit: {type: int, default: 20, example: 20}
// columns: [actor, actor_type, supporters, critics]
// scale: reads the counts the loader keeps on each Entity (graph/counts.py), never the claims themselves.
MATCH (target:Entity)
WHERE target.in_supports_actors > 0 AND target.in_supports_actors >= $min_each
  AND target.in_criticises_actors > 0 AND target.in_criticises_actors >= $min_each
WITH target, target.in_supports_actors AS supporters, target.in_criticises_actors AS critics
RETURN target.name AS actor, target.type AS actor_type, supporters, critics
ORDER BY CASE WHEN supporters < critics THEN supporters ELSE critics END DESC, supporters + critics DESC, actor
LIMIT $limit

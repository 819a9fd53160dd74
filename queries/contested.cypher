// name: contested
// description: Actors that are both supported and criticised, ranked by how evenly divided opinion on them is.
// params:
//   min_each: {type: int, default: 1, example: 1, description: at least this many supporters and this many critics}
//   limit: {type: int, default: 20, example: 20}
// columns: [actor, actor_type, supporters, critics]
// scale: a whole-graph aggregation; at 100k actors it wants supported-by and criticised-by counts kept on each Entity.
MATCH (s:Entity)-[:SUPPORTS]->(target:Entity)
WITH target, count(DISTINCT s) AS supporters
WHERE supporters >= $min_each
MATCH (c:Entity)-[:CRITICISES]->(target)
WITH target, supporters, count(DISTINCT c) AS critics
WHERE critics >= $min_each
RETURN target.name AS actor, target.type AS actor_type, supporters, critics
ORDER BY CASE WHEN supporters < critics THEN supporters ELSE critics END DESC, supporters + critics DESC, actor
LIMIT $limit

// name: most_criticised
// description: The actors criticised by the most distinct critics, with how many claims and articles say so.
// params:
//   limit: {type: int, default: 10, example: 10}
// columns: [actor, actor_type, critics, claims, articles]
// scale: a whole-graph aggregation; at 100k actors it wants a criticised-by count kept on each Entity by the loader.
MATCH (critic:Entity)-[r:CRITICISES]->(target:Entity)
WITH target, count(DISTINCT critic) AS critics, count(r) AS claims, count(DISTINCT r.article) AS articles
RETURN target.name AS actor, target.type AS actor_type, critics, claims, articles
ORDER BY critics DESC, claims DESC, actor
LIMIT $limit

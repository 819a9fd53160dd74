// name: most_criticised
// description: The actors criticised by the most distinct critics, with how many claims and articles say so.
// params:
//   limit: {type: int, default: 10, example: 10}
// columns: [actor, actor_type, critics, claims, articles]
// scale: reads the counts the loader keeps on each Entity (graph/counts.py), never the claims themselves.
MATCH (target:Entity)
WHERE target.in_criticises_actors > 0
RETURN target.name AS actor, target.type AS actor_type, target.in_criticises_actors AS critics,
       target.in_criticises_claims AS claims, target.in_criticises_articles AS articles
ORDER BY critics DESC, claims DESC, actor
LIMIT $limit

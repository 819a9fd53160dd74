// name: co_mentioned
// description: The actors named in the same articles as an actor, most shared articles first.
// params:
//   name: {type: actor, example: Jon Lansman, description: the actor}
//   limit: {type: int, default: 20, example: 20}
// columns: [actor, actor_type, articles, article_ids]
MATCH (e:Entity {id: $name})<-[:MENTIONS]-(a:Article)-[:MENTIONS]->(other:Entity)
WHERE other <> e
WITH other, collect(DISTINCT a.id) AS article_ids
RETURN other.name AS actor, other.type AS actor_type, size(article_ids) AS articles, article_ids
ORDER BY articles DESC, actor
LIMIT $limit

// name: co_mentioned
// description: The actors named in the same articles as an actor, most shared articles first; for an actor named in more than 300 articles, in its 300 most recent ones.
// params:
//   name: {type: actor, example: Jon Lansman, description: the actor}
//   limit: {type: int, default: 20, example: 20}
// columns: [actor, actor_type, articles, article_ids]
// scale: reads at most the actor's 300 most recent articles, so a hub costs what an ordinary actor does.
MATCH (e:Entity {id: $name})<-[:MENTIONS]-(a:Article)
WITH e, a ORDER BY a.published IS NULL, a.published DESC, a.id LIMIT 300
MATCH (a)-[:MENTIONS]->(other:Entity)
WHERE other <> e
WITH other, collect(DISTINCT a.id) AS article_ids
RETURN other.name AS actor, other.type AS actor_type, size(article_ids) AS articles, article_ids
ORDER BY articles DESC, actor
LIMIT $limit

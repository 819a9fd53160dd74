// name: critics_of
// description: Who criticises an actor, with the sentence and article behind each claim.
// params:
//   name: {type: actor, example: Jon Lansman, description: the actor criticised}
//   limit: {type: int, default: 50, example: 20}
// columns: [critic, critic_type, evidence, article, title, date, confidence]
// scale: sorts the actor's CRITICISES claims by confidence first and looks articles up only for the $limit rows returned.
MATCH (critic:Entity)-[r:CRITICISES]->(:Entity {id: $name})
WITH critic, r ORDER BY r.confidence DESC, critic.name, r.article LIMIT $limit
OPTIONAL MATCH (a:Article {id: r.article})
RETURN critic.name AS critic, critic.type AS critic_type, r.evidence AS evidence,
       r.article AS article, a.title AS title, r.date AS date, r.confidence AS confidence
ORDER BY confidence DESC, critic, article

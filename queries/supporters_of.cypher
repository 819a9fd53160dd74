// name: supporters_of
// description: Who supports, backs or endorses an actor, with the evidence for each claim.
// params:
//   name: {type: actor, example: Peter Willsman, description: the actor supported}
//   limit: {type: int, default: 50, example: 20}
// columns: [supporter, supporter_type, evidence, article, title, date, confidence]
// scale: sorts the actor's SUPPORTS claims by confidence first and looks articles up only for the $limit rows returned.
MATCH (supporter:Entity)-[r:SUPPORTS]->(:Entity {id: $name})
WITH supporter, r ORDER BY r.confidence DESC, supporter.name, r.article LIMIT $limit
OPTIONAL MATCH (a:Article {id: r.article})
RETURN supporter.name AS supporter, supporter.type AS supporter_type, r.evidence AS evidence,
       r.article AS article, a.title AS title, r.date AS date, r.confidence AS confidence
ORDER BY confidence DESC, supporter, article

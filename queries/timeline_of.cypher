// name: timeline_of
// description: Every claim about an actor, made by it or about it, in the order of the articles' dates (undated articles last).
// params:
//   name: {type: actor, example: Jon Lansman, description: the actor}
//   limit: {type: int, default: 200, example: 100}
// columns: [date, subject, type, object, evidence, article, title]
// scale: sorts the actor's claims by their own date (the loader gives every claim its article's date) and looks articles up only for the rows returned.
MATCH (e:Entity {id: $name})-[r:SUPPORTS|CRITICISES|RESIGNED_FROM|SUSPENDED_FROM|MEMBER_OF|LEADS]-(:Entity)
WITH r ORDER BY r.date IS NULL, r.date, r.article, r.start LIMIT $limit
OPTIONAL MATCH (a:Article {id: r.article})
WITH r, a, coalesce(r.date, a.published) AS date
RETURN date, startNode(r).name AS subject, type(r) AS type, endNode(r).name AS object,
       r.evidence AS evidence, r.article AS article, a.title AS title
ORDER BY date IS NULL, date, article, r.start

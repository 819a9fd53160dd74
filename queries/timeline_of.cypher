// name: timeline_of
// description: Every claim about an actor, made by it or about it, in the order of the articles' dates (undated articles last).
// params:
//   name: {type: actor, example: Jon Lansman, description: the actor}
//   limit: {type: int, default: 200, example: 100}
// columns: [date, subject, type, object, evidence, article, title]
// scale: reads the actor's claims one type at a time (FalkorDB walks one relationship type at a time faster than six at once), sorts them by their own date (the loader gives every claim its article's date) and looks articles up only for the rows returned.
MATCH (e:Entity {id: $name})
WITH e, [(e)-[c:SUPPORTS]-() | c] AS supports
WITH e, supports, [(e)-[c:CRITICISES]-() | c] AS criticises
WITH e, supports, criticises, [(e)-[c:RESIGNED_FROM]-() | c] AS resigned_from
WITH e, supports, criticises, resigned_from, [(e)-[c:SUSPENDED_FROM]-() | c] AS suspended_from
WITH e, supports, criticises, resigned_from, suspended_from, [(e)-[c:MEMBER_OF]-() | c] AS member_of
WITH e, supports, criticises, resigned_from, suspended_from, member_of, [(e)-[c:LEADS]-() | c] AS leads
UNWIND supports + criticises + resigned_from + suspended_from + member_of + leads AS r
WITH r ORDER BY r.date, r.article, r.start LIMIT $limit
OPTIONAL MATCH (a:Article {id: r.article})
WITH r, a, coalesce(r.date, a.published) AS date
RETURN date, startNode(r).name AS subject, type(r) AS type, endNode(r).name AS object,
       r.evidence AS evidence, r.article AS article, a.title AS title
ORDER BY date IS NULL, date, article, r.start

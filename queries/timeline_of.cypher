// name: timeline_of
// description: Every claim about an actor, made by it or about it, in the order of the articles' dates (undated articles last).
// params:
//   name: {type: actor, example: Jon Lansman, description: the actor}
//   limit: {type: int, default: 200, example: 100}
// columns: [date, subject, type, object, evidence, article, title]
// scale: for an actor with at least 1,000 support and criticism claims (the counts the loader keeps, graph/counts.py), first takes the $limit-th earliest date among 1,000 of its claims as a cutoff (at least $limit claims are no later, so no later claim can be in the answer), then reads the actor's claims one type at a time (FalkorDB walks one relationship type at a time faster than six at once) keeping only those up to the cutoff, sorts them by their own date (the loader gives every claim its article's date) and looks articles up only for the rows returned.
MATCH (e:Entity {id: $name})
WITH e, coalesce(e.in_supports_claims, 0) + coalesce(e.in_criticises_claims, 0) + coalesce(e.out_supports_claims, 0) + coalesce(e.out_criticises_claims, 0) AS busy
UNWIND CASE WHEN busy >= 1000 THEN [e] ELSE [null] END AS b
OPTIONAL MATCH (b)-[s:SUPPORTS|CRITICISES|RESIGNED_FROM|SUSPENDED_FROM|MEMBER_OF|LEADS]-()
WITH e, s LIMIT 1000
WITH DISTINCT e, s
WITH e, s.date AS d ORDER BY d LIMIT $limit
WITH e, CASE WHEN count(d) >= $limit THEN max(d) END AS cut
WITH e, cut, [(e)-[c:SUPPORTS]-() WHERE cut IS NULL OR c.date <= cut | c] AS supports
WITH e, cut, supports, [(e)-[c:CRITICISES]-() WHERE cut IS NULL OR c.date <= cut | c] AS criticises
WITH e, cut, supports, criticises, [(e)-[c:RESIGNED_FROM]-() WHERE cut IS NULL OR c.date <= cut | c] AS resigned_from
WITH e, cut, supports, criticises, resigned_from, [(e)-[c:SUSPENDED_FROM]-() WHERE cut IS NULL OR c.date <= cut | c] AS suspended_from
WITH e, cut, supports, criticises, resigned_from, suspended_from, [(e)-[c:MEMBER_OF]-() WHERE cut IS NULL OR c.date <= cut | c] AS member_of
WITH e, cut, supports, criticises, resigned_from, suspended_from, member_of, [(e)-[c:LEADS]-() WHERE cut IS NULL OR c.date <= cut | c] AS leads
UNWIND supports + criticises + resigned_from + suspended_from + member_of + leads AS r
WITH r ORDER BY r.date, r.article, r.start LIMIT $limit
OPTIONAL MATCH (a:Article {id: r.article})
WITH r, a, coalesce(r.date, a.published) AS date
RETURN date, startNode(r).name AS subject, type(r) AS type, endNode(r).name AS object,
       r.evidence AS evidence, r.article AS article, a.title AS title
ORDER BY date IS NULL, date, article, r.start

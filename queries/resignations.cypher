// name: resignations
// description: Who resigned, stepped down or was forced out of which body, optionally only from one group.
// params:
//   group: {type: actor, default: null, example: Labour Party, description: only resignations from this body}
//   limit: {type: int, default: 100, example: 50}
// columns: [person, body, former, evidence, article, date]
// scale: one group is a walk from its indexed node; no group sorts every RESIGNED_FROM claim (a second UNION branch that an empty UNWIND switches off when a group is given).
MATCH (p:Entity)-[r:RESIGNED_FROM]->(g:Entity {id: $group})
WITH p, r, g ORDER BY r.date DESC, p.name LIMIT $limit
RETURN p.name AS person, g.name AS body, r.former AS former, r.evidence AS evidence,
       r.article AS article, r.date AS date
ORDER BY date DESC, person
UNION ALL
UNWIND CASE WHEN $group IS NULL THEN [true] ELSE [] END AS everywhere
MATCH (p:Entity)-[r:RESIGNED_FROM]->(g:Entity)
WITH p, r, g ORDER BY r.date DESC, p.name LIMIT $limit
RETURN p.name AS person, g.name AS body, r.former AS former, r.evidence AS evidence,
       r.article AS article, r.date AS date
ORDER BY date DESC, person

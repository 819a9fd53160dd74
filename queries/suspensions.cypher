// name: suspensions
// description: Who was suspended, expelled or barred from which body, optionally only from one group.
// params:
//   group: {type: actor, default: null, example: Labour Party, description: only suspensions from this body}
//   limit: {type: int, default: 100, example: 50}
// columns: [person, body, former, evidence, article, date]
MATCH (p:Entity)-[r:SUSPENDED_FROM]->(g:Entity)
WHERE $group IS NULL OR g.id = $group
RETURN p.name AS person, g.name AS body, r.former AS former, r.evidence AS evidence,
       r.article AS article, r.date AS date
ORDER BY date DESC, person
LIMIT $limit

// name: leaders_of
// description: Who leads, chairs, heads or founded a group, now or formerly.
// params:
//   group: {type: actor, example: Momentum, description: the group}
//   limit: {type: int, default: 50, example: 20}
// columns: [leader, leader_type, former, evidence, article, date]
MATCH (l:Entity)-[r:LEADS]->(g:Entity {id: $group})
RETURN l.name AS leader, l.type AS leader_type, r.former AS former, r.evidence AS evidence,
       r.article AS article, r.date AS date
ORDER BY former, leader, article
LIMIT $limit

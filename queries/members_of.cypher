// name: members_of
// description: The members of a group (people and affiliated groups), its leaders among them, and whether the text calls them former.
// params:
//   group: {type: actor, example: Momentum, description: the group}
//   limit: {type: int, default: 100, example: 50}
// columns: [member, member_type, role, former, evidence, article]
MATCH (m:Entity)-[r:MEMBER_OF|LEADS]->(g:Entity {id: $group})
RETURN m.name AS member, m.type AS member_type,
       CASE type(r) WHEN 'LEADS' THEN 'leader' ELSE 'member' END AS role,
       r.former AS former, r.evidence AS evidence, r.article AS article
ORDER BY role, member, article
LIMIT $limit

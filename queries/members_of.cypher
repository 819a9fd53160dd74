// name: members_of
// description: The members of a group (people and affiliated groups), one row per member, its leaders among them, with how many articles say so and their first and last date; former when every claim of the latest date calls them former. evidence_for gives the sentences.
// params:
//   group: {type: actor, example: Momentum, description: the group}
//   limit: {type: int, default: 100, example: 50}
// columns: [member, member_type, member_id, role, former, articles, first_date, last_date]
MATCH (m:Entity)-[r:MEMBER_OF|LEADS]->(g:Entity {id: $group})
WITH m, collect(r) AS claims, count(DISTINCT r.article) AS articles, min(r.date) AS first_date,
     max(r.date) AS last_date
RETURN m.name AS member, m.type AS member_type, m.id AS member_id,
       CASE WHEN any(c IN claims WHERE type(c) = 'LEADS') THEN 'leader' ELSE 'member' END AS role,
       all(c IN claims WHERE c.former OR coalesce(c.date, '') < coalesce(last_date, '')) AS former,
       articles, first_date, last_date
ORDER BY role, former, articles DESC, member
LIMIT $limit

// name: leaders_of
// description: Who leads, chairs, heads or founded a group, one row per leader, with how many articles say so and their first and last date; former when every claim of the latest date calls them former. evidence_for gives the sentences.
// params:
//   group: {type: actor, example: Momentum, description: the group}
//   limit: {type: int, default: 50, example: 20}
// columns: [leader, leader_type, leader_id, former, articles, first_date, last_date]
MATCH (l:Entity)-[r:LEADS]->(g:Entity {id: $group})
WITH l, collect(r) AS claims, count(DISTINCT r.article) AS articles, min(r.date) AS first_date,
     max(r.date) AS last_date
RETURN l.name AS leader, l.type AS leader_type, l.id AS leader_id,
       all(c IN claims WHERE c.former OR coalesce(c.date, '') < coalesce(last_date, '')) AS former,
       articles, first_date, last_date
ORDER BY former, articles DESC, leader
LIMIT $limit

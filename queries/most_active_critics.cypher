// name: most_active_critics
// description: The actors who criticise the most distinct others, with how many claims and articles say so.
// params:
//   limit: {type: int, default: 10, example: 10}
// columns: [critic, critic_type, targets, claims, articles]
// scale: a whole-graph aggregation; at 100k actors it wants a criticises count kept on each Entity by the loader.
MATCH (critic:Entity)-[r:CRITICISES]->(target:Entity)
WITH critic, count(DISTINCT target) AS targets, count(r) AS claims, count(DISTINCT r.article) AS articles
RETURN critic.name AS critic, critic.type AS critic_type, targets, claims, articles
ORDER BY targets DESC, claims DESC, critic
LIMIT $limit

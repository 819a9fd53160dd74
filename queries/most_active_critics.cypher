// name: most_active_critics
// description: The actors who criticise the most distinct others, with how many claims and articles say so.
// params:
//   limit: {type: int, default: 10, example: 10}
// columns: [critic, critic_type, targets, claims, articles]
// scale: reads the counts the loader keeps on each Entity (graph/counts.py), never the claims themselves.
MATCH (critic:Entity)
WHERE critic.out_criticises_actors > 0
RETURN critic.name AS critic, critic.type AS critic_type, critic.out_criticises_actors AS targets,
       critic.out_criticises_claims AS claims, critic.out_criticises_articles AS articles
ORDER BY targets DESC, claims DESC, critic
LIMIT $limit

// name: rifts
// description: Criticism inside a group, a member or leader criticising another member or leader of the same group, or the group itself; optionally only in one group.
// params:
//   group: {type: actor, default: null, example: Momentum, description: only rifts inside this group}
//   limit: {type: int, default: 100, example: 50}
// columns: [group, critic, target, evidence, article]
// scale: one group is a walk from its indexed node; no group walks every membership (a second UNION branch that an empty UNWIND switches off when a group is given).
MATCH (critic:Entity)-[:MEMBER_OF|LEADS]->(g:Entity {id: $group})
MATCH (critic)-[c:CRITICISES]->(target:Entity)
OPTIONAL MATCH (target)-[tm:MEMBER_OF|LEADS]->(g)
WITH g, critic, c, target, tm
WHERE target = g OR tm IS NOT NULL
RETURN DISTINCT g.name AS group, critic.name AS critic, target.name AS target,
       c.evidence AS evidence, c.article AS article
ORDER BY group, critic, target, article
LIMIT $limit
UNION ALL
UNWIND CASE WHEN $group IS NULL THEN [true] ELSE [] END AS everywhere
MATCH (critic:Entity)-[:MEMBER_OF|LEADS]->(g:Entity)
MATCH (critic)-[c:CRITICISES]->(target:Entity)
OPTIONAL MATCH (target)-[tm:MEMBER_OF|LEADS]->(g)
WITH g, critic, c, target, tm
WHERE target = g OR tm IS NOT NULL
RETURN DISTINCT g.name AS group, critic.name AS critic, target.name AS target,
       c.evidence AS evidence, c.article AS article
ORDER BY group, critic, target, article
LIMIT $limit

// name: allies_and_opponents
// description: Everyone an actor supports or criticises, or who supports or criticises it, one row per other actor with the balance of the ties.
// params:
//   name: {type: actor, example: Christine Shawcroft, description: the actor at the centre}
//   limit: {type: int, default: 50, example: 20}
// columns: [other, other_type, stance, support, criticism, articles]
// scale: counts every tie of the actor, then reads the articles only of the $limit others returned.
MATCH (centre:Entity {id: $name})-[r:SUPPORTS|CRITICISES]-(other:Entity)
WITH centre, other, count(CASE type(r) WHEN 'SUPPORTS' THEN r END) AS support, count(r) AS ties
ORDER BY ties DESC, other.name
LIMIT $limit
MATCH (centre)-[r:SUPPORTS|CRITICISES]-(other)
WITH other, support, ties - support AS criticism, collect(DISTINCT r.article) AS articles
RETURN other.name AS other, other.type AS other_type,
       CASE WHEN criticism = 0 THEN 'ally' WHEN support = 0 THEN 'opponent' ELSE 'mixed' END AS stance,
       support, criticism, articles
ORDER BY support + criticism DESC, other

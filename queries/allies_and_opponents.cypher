// name: allies_and_opponents
// description: Everyone an actor supports or criticises, or who supports or criticises it, one row per other actor with the balance of the ties.
// params:
//   name: {type: actor, example: Christine Shawcroft, description: the actor at the centre}
//   limit: {type: int, default: 50, example: 20}
// columns: [other, other_type, stance, support, criticism, articles]
// scale: one walk over the actor's support and criticism claims, grouped by the other actor; only the $limit others returned have their claims' articles read.
MATCH (:Entity {id: $name})-[r:SUPPORTS|CRITICISES]-(other)
WITH other, collect(r) AS ties
ORDER BY size(ties) DESC, other.name
LIMIT $limit
UNWIND ties AS r
WITH other, size(ties) AS ties, count(CASE type(r) WHEN 'SUPPORTS' THEN r END) AS support, collect(DISTINCT r.article) AS articles
WITH other, support, ties - support AS criticism, articles
RETURN other.name AS other, other.type AS other_type,
       CASE WHEN criticism = 0 THEN 'ally' WHEN support = 0 THEN 'opponent' ELSE 'mixed' END AS stance,
       support, criticism, articles
ORDER BY support + criticism DESC, other

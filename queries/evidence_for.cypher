// name: evidence_for
// description: The sentences and articles behind a claim that one actor supports, criticises, left, or belongs to another; all claim types when none is given.
// params:
//   subject: {type: actor, example: Jackie Walker, description: who the claim is about}
//   object: {type: actor, example: Jon Lansman, description: the other end of the claim}
//   type: {type: relation, default: null, example: CRITICISES, description: "one claim type: SUPPORTS, CRITICISES, RESIGNED_FROM, SUSPENDED_FROM, MEMBER_OF or LEADS"}
// columns: [subject, type, object, evidence, article, title, date, confidence, former]
MATCH (s:Entity {id: $subject})-[r:SUPPORTS|CRITICISES|RESIGNED_FROM|SUSPENDED_FROM|MEMBER_OF|LEADS]->(o:Entity {id: $object})
WHERE $type IS NULL OR type(r) = $type
OPTIONAL MATCH (a:Article {id: r.article})
RETURN s.name AS subject, type(r) AS type, o.name AS object, r.evidence AS evidence,
       r.article AS article, a.title AS title, r.date AS date, r.confidence AS confidence, r.former AS former
ORDER BY type, confidence DESC, article

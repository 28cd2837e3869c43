import type { Database } from '../../db/database.js';

/**
 * The Horizon 2020 participations of projects (their participants) and of participants (their
 * projects), for a batch of ids of either kind: coordinators first, then by participant name,
 * for a project; newest contract start first for an organisation.
 */
export async function findParticipations(db: Database, ids: readonly string[]): Promise<Map<string, Record<string, unknown>[]>> {
  const rows = await db.read<{ id: string; participations: Record<string, unknown>[] }>(
    `UNWIND $ids AS id
     MATCH (n:Entity {id: id})
     CALL (n) {
       MATCH (a:Entity)-[r:PARTICIPATES_IN_PROJECT]->(n:Project)
       RETURN a.id AS participantId, n.id AS projectId, r.role AS role, r.grantedEur AS grantedEur,
         CASE r.role WHEN 'COORDINATOR' THEN 0 ELSE 1 END AS first, a.name AS second
       UNION
       MATCH (n)-[r:PARTICIPATES_IN_PROJECT]->(p:Project)
       RETURN n.id AS participantId, p.id AS projectId, r.role AS role, r.grantedEur AS grantedEur,
         -toInteger(replace(coalesce(p.startDate, '0'), '-', '')) AS first, '' AS second
     }
     WITH id, participantId, projectId, role, grantedEur, first, second
     ORDER BY first, second, participantId, projectId
     RETURN id, collect({participantId: participantId, projectId: projectId, role: role, grantedEur: grantedEur}) AS participations`,
    { ids },
  );
  return new Map(rows.map((row) => [row.id, row.participations]));
}

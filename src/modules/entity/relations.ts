/**
 * The relationships that object fields follow, as fixed Cypher patterns between the parent
 * `n` and the related node `m`. Patterns are constants chosen by field name, never built from
 * client input, so each compiles once and stays cached in Neo4j's query cache.
 */
export const RELATIONS = {
  'Fylke.kommuner': '(m:Kommune)-[:IN_FYLKE]->(n)',
  'Kommune.fylke': '(n)-[:IN_FYLKE]->(m:Fylke)',
  'Kommune.commutingRegion': '(n)-[:IN_COMMUTING_REGION]->(m:CommutingRegion)',
  'Kommune.clusters': '(m:Cluster)-[:LOCATED_IN]->(n)',
  'Kommune.schools': '(m:School)-[:LOCATED_IN]->(n)',
  'Kommune.events': '(m:Event)-[:LOCATED_IN|PARTNER_OF]-(n)',
  'Kommune.initiatives': '(m:Initiative)-[:LOCATED_IN|PROPOSED|PARTICIPATES_IN]-(n)',
  'Kommune.collaborations': '(n)-[:PARTICIPATES_IN]->(m:Collaboration)',
  'CommutingRegion.kommuner': '(m:Kommune)-[:IN_COMMUTING_REGION]->(n)',
  'Collaboration.members': '(m:Kommune)-[:PARTICIPATES_IN]->(n)',
  'Company.kommune': '(n)-[:LOCATED_IN]->(m:Kommune)',
  'Company.memberships': '(n)-[:MEMBER_OF]->(m:Cluster)',
  'Company.events': '(n)-[:PARTNER_OF]->(m:Event)',
  'Company.schoolPartners': '(n)-[:COLLABORATES_WITH]-(m:School)',
  'Cluster.kommune': '(n)-[:LOCATED_IN]->(m:Kommune)',
  'Cluster.members': '(m:Entity)-[:MEMBER_OF]->(n)',
  'Cluster.memberOf': '(n)-[:MEMBER_OF|FACILITATED_BY]->(m:Cluster)',
  'Cluster.collaboratesWith': '(n)-[:COLLABORATES_WITH]-(m:Cluster)',
  'Cluster.initiatives': '(n)-[:PROPOSED|PARTICIPATES_IN]->(m:Initiative)',
  'School.kommune': '(n)-[:LOCATED_IN]->(m:Kommune)',
  'School.campusOf': '(n)-[:CAMPUS_OF]->(m:School)',
  'School.campuses': '(m:School)-[:CAMPUS_OF]->(n)',
  'School.memberships': '(n)-[:MEMBER_OF]->(m:Cluster)',
  'School.industryPartners': '(n)-[:COLLABORATES_WITH]-(m:Company)',
  'Event.kommune': '(n)-[:LOCATED_IN]->(m:Kommune)',
  'Event.partners': '(m:Entity)-[:PARTNER_OF]->(n)',
  'Initiative.kommune': '(n)-[:LOCATED_IN]->(m:Kommune)',
  'Initiative.proposedBy': '(m:Entity)-[:PROPOSED]->(n)',
  'Initiative.participants': '(m:Entity)-[:PARTICIPATES_IN]->(n)',
  'Organisation.kommune': '(n)-[:LOCATED_IN]->(m:Kommune)',
  'Kommune.projects': '(m:Project)<-[:PARTICIPATES_IN_PROJECT]-(:Entity)-[:LOCATED_IN]->(n)',
} as const;

export type RelationName = keyof typeof RELATIONS;

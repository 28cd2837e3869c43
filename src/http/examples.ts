/**
 * Example operations, shown on the start page and saved as tabs in the explorer's playground.
 * Each is named, because GraphiQL titles its tabs with the operation name.
 */
export const EXAMPLE_QUERIES: { title: string; query: string }[] = [
  {
    title: 'Kongsberg: fylke, 2024 number, population, clusters, schools, initiatives',
    query: `query KongsbergDetail {
  kommune(nr: "3006") {
    name officialName fylke { name } nr2024 population(year: 2022)
    clusters { name kind }
    schools { name kind }
    initiatives { name sources { title url } }
    rankings(indicator: "kommune-nm/kompetanse") { edition rank scopeName sources { publisher url } }
  }
}`,
  },
  {
    title: 'Kommune-NM 2022, Kompetanse: the published ranks',
    query: `query KompetanseRanking2022 {
  ranking(indicator: "kommune-nm/kompetanse", edition: 2022) {
    totalCount
    edges { node { rank kommune { name } sources { title url } } }
  }
}`,
  },
  {
    title: 'Cooperation vs competence: network degree against the share with higher education',
    query: `query CooperationVsCompetence {
  correlation(metric: NETWORK_DEGREE, indicator: "ssb/higher-education-share", year: 2018, controlFor: [{ kind: LOG_POPULATION }]) {
    n pearson spearman pValue slope intercept higherIsBetter note
    partial { covariates n pearson pValue }
    points { kommune { name } x y }
  }
}`,
  },
  {
    title: "Kongsberg's neighbourhood as a graph view (Cytoscape.js elements)",
    query: `query KongsbergGraph {
  graph(center: "Kommune:3006", depth: 1, limit: 50) {
    truncated
    nodes { id type label properties }
    edges { source target type }
    cytoscapeElements
  }
}`,
  },
  {
    title: 'Search with or without diacritics',
    query: `query SearchBaerum {
  search(text: "baerum") { id type label score }
}`,
  },
  {
    title: 'Indicators and the years held',
    query: `query Indicators {
  indicators { key name kind unit higherIsBetter years }
}`,
  },
];

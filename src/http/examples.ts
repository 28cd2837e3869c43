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
    title: 'Cooperation vs competence: commuting partners against long higher education, controlling for size (356 kommuner)',
    query: `query CooperationVsCompetence {
  correlation(metric: COMMUTING_PARTNERS, indicator: "ssb/long-higher-education-share", year: 2021, controlFor: [{ kind: LOG_POPULATION }]) {
    n pearson spearman pValue slope intercept higherIsBetter metricYear
    coverage { universe kommuner measured year source { title publisher url } }
    warnings { code message }
    partial { covariates n pearson spearman pValue }
    points { kommune { name } x y }
  }
}`,
  },
  {
    title: 'Research cooperation: Horizon 2020 business–research projects against long higher education',
    query: `query ResearchVsCompetence {
  correlation(metric: H2020_BUSINESS_RESEARCH_PROJECTS, indicator: "ssb/long-higher-education-share", year: 2021, controlFor: [{ kind: LOG_POPULATION }]) {
    n pearson spearman pValue metricYear
    coverage { universe measured year }
    warnings { code message }
    partial { covariates n pearson pValue }
  }
}`,
  },
  {
    title: 'The measures: source, coverage universe, years and formula',
    query: `query Measures {
  cooperationMeasures { metric description universe cooperation years computation source { title publisher url } }
}`,
  },
  {
    title: "Kongsberg's measures, each with whether it is measured",
    query: `query KongsbergMeasures {
  cooperation(kommune: "3006") {
    ecosystemCurated
    measures(year: 2021) { metric value measured year populationYear universe cooperation }
  }
}`,
  },
  {
    title: "Kongsberg's neighbourhood as a graph view (Cytoscape.js elements)",
    query: `query KongsbergGraph {
  graph(center: "Kommune:3006", depth: 1, limit: 50) {
    truncated
    nodes { id type label properties }
    edges { source target type weight year }
    cytoscapeElements
  }
}`,
  },
  {
    title: "Kongsberg's commuting: the ten heaviest flows per kommune of 2022, at least 100 persons",
    query: `query KongsbergCommuting {
  graph(center: "Kommune:3006", depth: 2, relationships: ["COMMUTES_TO"], year: 2022, minWeight: 100, topPartners: 10) {
    nodes { id label }
    edges { id source target weight year }
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

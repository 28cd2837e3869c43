/** The parts of a V8 CPU profile (node --cpu-prof) that a self-time summary needs. */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  /** Functions by self time, largest first, as a share of the non-idle time. */
  selfTop: { function: string; where: string; percent: number }[];
  /** Self time by where the code lives: an npm package, a folder of ours, Node itself, GC. */
  byArea: { area: string; percent: number }[];
}

const IDLE = new Set(['(idle)', '(program)']);

/** Where a function's code lives: `pkg:<name>` for node_modules, `ours:<src folder>`, `node`, or the V8 pseudo-frame. */
function areaOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : 'native';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return `pkg:${pkg[1]}`;
  if (url.startsWith('node:')) return 'node';
  const ours = /\/(src|bench)\/([^/]+)/.exec(url);
  if (ours) return `ours:${ours[1]}/${ours[2]}`;
  return 'other';
}

const share = (part: number, total: number) => Math.round((part / Math.max(1, total)) * 1000) / 10;

export function summariseProfile(profile: CpuProfile, top = 15): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const selfByFunction = new Map<string, { function: string; where: string; micros: number }>();
  const byArea = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, index) => {
    const frame = byId.get(id);
    const micros = profile.timeDeltas[index] ?? 0;
    if (!frame || IDLE.has(frame.functionName)) return;
    total += micros;
    const where = frame.url ? `${frame.url.replace(/^.*?\/(node_modules|dist\/build)\//, '$1/')}:${frame.lineNumber + 1}` : '';
    const key = `${frame.functionName}@${where}`;
    const entry = selfByFunction.get(key) ?? { function: frame.functionName || '(anonymous)', where, micros: 0 };
    entry.micros += micros;
    selfByFunction.set(key, entry);
    const area = areaOf(frame.url, frame.functionName);
    byArea.set(area, (byArea.get(area) ?? 0) + micros);
  });
  return {
    selfTop: [...selfByFunction.values()].sort((a, b) => b.micros - a.micros).slice(0, top)
      .map((entry) => ({ function: entry.function, where: entry.where, percent: share(entry.micros, total) })),
    byArea: [...byArea.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).map(([area, micros]) => ({ area, percent: share(micros, total) })),
  };
}

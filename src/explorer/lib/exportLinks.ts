/** A link to the API's export routes (src/http/exports.ts): CSV or JSON with a citation block. */
export function exportHref(name: 'correlation' | 'screening' | 'profile', format: 'csv' | 'json', params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value));
  return `/export/${name}.${format}?${search.toString()}`;
}

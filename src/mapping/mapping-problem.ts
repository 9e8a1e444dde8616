// One problem of the mappings: which file, entity and field, the YAML line when known, and what is
// wrong. Loading and the describe check both collect every problem before reporting, never the first.

export interface MappingProblem {
  file: string;
  entity?: string;
  field?: string;
  line?: number;
  message: string;
}

export function formatMappingProblem(p: MappingProblem): string {
  const where = [p.line === undefined ? p.file : `${p.file}:${p.line}`, p.entity, p.field].filter((x) => x !== undefined).join(" › ");
  return `${where}: ${p.message}`;
}

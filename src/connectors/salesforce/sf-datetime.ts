// Salesforce returns datetimes as `2026-05-07T22:07:19.000+0000` (offset without a colon), which
// `Date.parse` is not required to accept. Parse them into instants; never compare them as strings.

const SF_DATETIME_RE = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?)(Z|[+-]\d{2}:?\d{2})$/;

export function parseSfDateTime(value: string): Date {
  const m = SF_DATETIME_RE.exec(value);
  if (!m) throw new TypeError(`not a Salesforce datetime: ${JSON.stringify(value)}`);
  const zone = m[2] === "Z" ? "Z" : `${m[2]!.slice(0, 3)}:${m[2]!.slice(-2)}`;
  const at = new Date(`${m[1]!}${zone}`);
  if (Number.isNaN(at.getTime())) throw new TypeError(`not a Salesforce datetime: ${JSON.stringify(value)}`);
  return at;
}

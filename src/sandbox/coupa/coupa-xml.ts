// What Coupa sends when the client forgot `Accept: application/json`: Rails-style XML. A minimal,
// well-formed rendering is enough: its job is to make that client mistake visible, not to be parsed.
const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

function singular(name: string): string {
  if (name.endsWith("sses")) return name.slice(0, -2);
  if (name.endsWith("ies")) return `${name.slice(0, -3)}y`;
  return name.endsWith("s") ? name.slice(0, -1) : `${name}-item`;
}

function element(name: string, value: unknown): string {
  if (value === null || value === undefined) return `<${name} nil="true"/>`;
  if (Array.isArray(value)) {
    return `<${name} type="array">${value.map((v) => element(singular(name), v)).join("")}</${name}>`;
  }
  if (typeof value === "object") {
    return `<${name}>${Object.entries(value).map(([k, v]) => element(k, v)).join("")}</${name}>`;
  }
  if (typeof value === "number") return `<${name} type="${Number.isInteger(value) ? "integer" : "decimal"}">${value}</${name}>`;
  if (typeof value === "boolean") return `<${name} type="boolean">${value}</${name}>`;
  return `<${name}>${escape(String(value))}</${name}>`;
}

export function toXml(root: string, value: unknown, item?: string): string {
  const body = Array.isArray(value) && item
    ? `<${root} type="array">${value.map((v) => element(item, v)).join("")}</${root}>`
    : element(root, value);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${body}\n`;
}

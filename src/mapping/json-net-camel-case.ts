// The portal is a .NET service whose responses camelCase keys with Json.NET's StringUtils.ToCamelCase:
// it lowers the leading run of capitals except the last one before a lower-case letter
// (`CrmId → crmId`, `NFR_Seats__cf → nfR_Seats__cf`, `PS_Designation__cf → pS_Designation__cf`).
// Mappings name fields as defined (PascalCase); reading a response needs this exact spelling.
// (The sandbox has its own copy for rendering: mapping/ may not import sandbox/.)

const UPPER = /^\p{Lu}$/u;
const SEPARATOR = /^\p{Z}$/u;

const isUpper = (c: string | undefined): boolean => c !== undefined && UPPER.test(c);

export function jsonNetCamelCase(s: string): string {
  if (s.length === 0 || !isUpper(s[0])) return s;
  const chars = s.split("");
  for (let i = 0; i < chars.length; i++) {
    if (i === 1 && !isUpper(chars[i])) break;
    const hasNext = i + 1 < chars.length;
    if (i > 0 && hasNext && !isUpper(chars[i + 1])) {
      if (SEPARATOR.test(chars[i + 1] ?? "")) chars[i] = (chars[i] ?? "").toLowerCase();
      break;
    }
    chars[i] = (chars[i] ?? "").toLowerCase();
  }
  return chars.join("");
}

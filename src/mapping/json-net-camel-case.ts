// Json.NET's CamelCasePropertyNamesContractResolver renames keys with StringUtils.ToCamelCase, which is
// not "lower the first letter": it lowers the leading run of capitals, except the last one when a
// lower-case character follows (`URLValue → urlValue`, `NFR_Seats__cf → nfR_Seats__cf`). The portal is a
// .NET service, so a client that guesses the simpler rule breaks on exactly these keys; we reproduce the
// algorithm character for character (UTF-16 code units, like .NET's `char`).

const UPPER = /^\p{Lu}$/u; // char.IsUpper: UnicodeCategory.UppercaseLetter only
const SEPARATOR = /^\p{Z}$/u; // char.IsSeparator: SpaceSeparator, LineSeparator, ParagraphSeparator

function isUpper(c: string | undefined): boolean {
  return c !== undefined && UPPER.test(c);
}

/** char.ToLowerInvariant: a simple 1:1 mapping, so a multi-unit JS lowering (U+0130) falls back. */
function toLowerInvariant(c: string): string {
  const lowered = c.toLowerCase();
  if (lowered.length === 1) return lowered;
  return c === "\u0130" ? "i" : c;
}

export function jsonNetCamelCase(s: string): string {
  if (s.length === 0 || !isUpper(s[0])) return s;
  const chars = s.split("");
  for (let i = 0; i < chars.length; i++) {
    if (i === 1 && !isUpper(chars[i])) break;
    const hasNext = i + 1 < chars.length;
    if (i > 0 && hasNext && !isUpper(chars[i + 1])) {
      // "FOO bar" becomes "foo bar": a separator ends the capital run without keeping its last letter.
      if (SEPARATOR.test(chars[i + 1] ?? "")) chars[i] = toLowerInvariant(chars[i] ?? "");
      break;
    }
    chars[i] = toLowerInvariant(chars[i] ?? "");
  }
  return chars.join("");
}

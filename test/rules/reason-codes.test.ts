// Every reason code the rule modules of this folder can emit appears in some test of this folder, so a
// new code cannot ship untested. Codes are read from the sources, not listed by hand.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const RULE_MODULES = [
  "standing",
  "deal-registration",
  "registration-queue",
  "discount-type",
  "services-attach",
  "referral-fee",
  "first-order-incentive",
  "payout",
  "payout-currency",
];
const src = (name: string): string => readFileSync(new URL(`../../src/rules/${name}.ts`, import.meta.url), "utf8");

function emittedCodes(): Map<string, string> {
  const codes = new Map<string, string>();
  for (const name of RULE_MODULES) {
    const text = src(name);
    for (const m of text.matchAll(/reason\(\s*"([A-Z]+-\d+)",\s*"([A-Z][A-Z_0-9]*)"/g)) codes.set(m[2]!, name);
    // deal-registration.ts names missing DR-8 fields through a local helper: add("MISSING_…", …)
    for (const m of text.matchAll(/\badd\(\s*"([A-Z][A-Z_0-9]*)"/g)) codes.set(m[1]!, name);
  }
  return codes;
}

const testDir = new URL("./", import.meta.url);
// Only this part's own tests count: another module's test mentioning a code does not cover its emitter.
const testText = [...RULE_MODULES.map((m) => `${m}.test.ts`), "payout-currency.test.ts"]
  .filter((f, i, all) => all.indexOf(f) === i)
  .map((f) => readFileSync(new URL(f, testDir), "utf8"))
  .join("\n");

describe("reason codes", () => {
  const codes = emittedCodes();

  it("finds the codes of every module (the scan itself works)", () => {
    for (const name of RULE_MODULES) expect([...codes.values()]).toContain(name);
    expect(codes.get("DUPLICATE_APPROVAL")).toBe("registration-queue");
    expect(codes.get("MISSING_TIER")).toBe("deal-registration");
  });

  it.each([...codes.keys()].sort())("%s is expected by some test", (code) => {
    // As a whole token: tests state codes as "CODE" or inside action summaries ("EXPIRE A EXPIRED").
    expect(testText).toMatch(new RegExp(`(?<![A-Z_])${code}(?![A-Z_])`));
  });
});

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ERROR_CODES, PartnerSyncError } from "../src/errors.js";

describe("error codes", () => {
  it("are each documented in the README with what to do", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    for (const [code, meta] of Object.entries(ERROR_CODES)) {
      expect(readme, `README lists ${code}`).toMatch(new RegExp(`\\| \`${code}\` \\| ${meta.scope} \\|[^\\n]*\\|[^\\n]*\\|`));
    }
  });

  it("carry their code's scope and retryability", () => {
    const e = new PartnerSyncError("PS_E_STORE_OPEN", "x", { details: { path: "/p" } });
    expect(e).toMatchObject({ code: "PS_E_STORE_OPEN", scope: "run", retryable: false, details: { path: "/p" } });
  });
});

import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, runLogger } from "../../src/log/logger.js";

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      cb();
    },
  });
  return { lines, destination };
}

describe("logger", () => {
  it("writes JSON lines carrying the run id on every line of a run", () => {
    const { lines, destination } = capture();
    const log = runLogger(createLogger({ level: "info", destination }), "run-123");
    log.info({ entity: "Partner" }, "read");
    log.warn("slow");
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(parsed).toHaveLength(2);
    for (const p of parsed) expect(p.runId).toBe("run-123");
    expect(parsed[0]).toMatchObject({ msg: "read", entity: "Partner", level: 30 });
  });

  it("redacts tokens, secrets and end-customer emails and phones, at any of the first levels", () => {
    const { lines, destination } = capture();
    const log = createLogger({ level: "info", destination });
    log.info(
      {
        access_token: "tok-1",
        auth: { clientSecret: "sec-2", password: "pw-3" },
        record: { Contact_Email__c: "jane@customer.example", Phone: "+1 555 0100", Name: "Acme" },
        headers: { authorization: "prm-key k-4" },
      },
      "x",
    );
    const text = lines.join("\n");
    for (const secret of ["tok-1", "sec-2", "pw-3", "jane@customer.example", "+1 555 0100", "k-4"]) expect(text).not.toContain(secret);
    expect(text).toContain("Acme");
    expect(text).toContain("[redacted]");
  });

  it("renders human-readable lines when pretty", () => {
    const { lines, destination } = capture();
    createLogger({ level: "info", pretty: true, destination }).info({ token: "t-9" }, "hello there");
    expect(lines.join("\n")).toMatch(/INFO.*hello there/);
    expect(lines.join("\n")).not.toContain("t-9");
  });
});

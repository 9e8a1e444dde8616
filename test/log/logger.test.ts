import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import axios from "axios";
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

  // Found by the mid-body fault tests: the portal client rethrew axios's "stream has been aborted" as
  // is, and the run's "run failed" line carried the API key (raw header text and nested objects).
  it("logs an HTTP client's error without the request's headers, raw or nested", async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { "content-length": "100" });
      res.write("{", () => res.socket?.destroy());
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/objects/v1/Account`;
      const cut = await axios.get(url, { headers: { Authorization: "prm-key KEY-0123456789", "X-PRM-TenantId": "42" } }).catch((e: unknown) => e);
      expect(axios.isAxiosError(cut) && cut.response?.status, "an answer cut after its headers").toBe(200);
      const { lines, destination } = capture();
      createLogger({ level: "info", destination }).error({ err: cut }, "run failed");
      expect(lines).toHaveLength(1);
      expect(lines[0]).not.toContain("KEY-0123456789");
      expect(JSON.parse(lines[0] as string)).toMatchObject({ msg: "run failed", err: { type: "AxiosError" } });
    } finally {
      server.close();
    }
  });

  it("renders human-readable lines when pretty", () => {
    const { lines, destination } = capture();
    createLogger({ level: "info", pretty: true, destination }).info({ token: "t-9" }, "hello there");
    expect(lines.join("\n")).toMatch(/INFO.*hello there/);
    expect(lines.join("\n")).not.toContain("t-9");
  });
});

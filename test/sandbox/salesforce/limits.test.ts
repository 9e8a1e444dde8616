import { Connection } from "jsforce";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createSalesforceEmulator } from "../../../src/sandbox/salesforce/index.js";
import { accounts, credentials, describes, fixedClock, unsetProxies } from "./fixture.js";
import { serve, type Served } from "./serve.js";

beforeAll(unsetProxies);

let served: Served | undefined;
afterEach(async () => {
  await served?.close();
  served = undefined;
});

async function start(faults?: unknown) {
  const emu = createSalesforceEmulator({
    seed: { describes: describes(), records: { Account: accounts(1) } },
    credentials: credentials(),
    clock: fixedClock(),
    dailyApiLimit: 1000,
    faults,
  });
  served = await serve(emu.handlers);
  const token = emu.issueAccessToken();
  const get = (path: string) => fetch(`${served!.url}/services/data/v62.0${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { emu, get, token };
}

describe("API limits", () => {
  it("counts every call in Sforce-Limit-Info and GET /limits", async () => {
    const { get } = await start();
    const a = await get("/query?q=SELECT+Id+FROM+Account");
    expect(a.headers.get("sforce-limit-info")).toBe("api-usage=1/1000");
    const b = await get("/limits");
    expect(b.headers.get("sforce-limit-info")).toBe("api-usage=2/1000");
    expect(((await b.json()) as { DailyApiRequests: unknown }).DailyApiRequests).toEqual({ Max: 1000, Remaining: 998 });
  });

  it("answers 403 REQUEST_LIMIT_EXCEEDED once the budget is spent, and jsforce sees the code", async () => {
    const { emu, get, token } = await start({ apiBudgetRemaining: 2 });
    expect((await get("/limits")).status).toBe(200);
    expect((await get("/limits")).status).toBe(200);
    const over = await get("/limits");
    expect(over.status).toBe(403);
    expect(await over.json()).toEqual([{ message: "TotalRequests Limit exceeded.", errorCode: "REQUEST_LIMIT_EXCEEDED" }]);
    expect(over.headers.get("sforce-limit-info")).toBe("api-usage=1000/1000");
    const conn = new Connection({ instanceUrl: served!.url, accessToken: token });
    await expect(conn.query("SELECT Id FROM Account")).rejects.toMatchObject({ errorCode: "REQUEST_LIMIT_EXCEEDED" });
    // reset forgets the calls made and restores the budget the emulator was configured with
    emu.reset();
    expect(emu.apiUsage()).toEqual({ used: 998, max: 1000 });
    expect((await get("/limits")).status).toBe(401);
  });

  it("serves /updated/ and /deleted/ within their windows", async () => {
    const { emu, get } = await start();
    const id = emu.records("Account")[0]!.Id as string;
    emu.softDelete("Account", id);
    const upd = await get("/sobjects/Account/updated/?start=2026-05-01T00:00:00Z&end=2026-05-08T00:00:00Z");
    expect(await upd.json()).toEqual({ ids: [], latestDateCovered: "2026-05-07T22:07:00.000+0000" });
    const del = await get("/sobjects/Account/deleted/?start=2026-05-01T00:00:00Z&end=2026-05-08T00:00:00Z");
    expect(((await del.json()) as { deletedRecords: unknown[] }).deletedRecords).toEqual([]);
    const del2 = await get("/sobjects/Account/deleted/?start=2026-05-01T00:00:00Z&end=2026-05-07T22:07:00Z");
    expect(del2.status).toBe(200);
    const old = await get("/sobjects/Account/updated/?start=2026-01-01T00:00:00Z&end=2026-05-08T00:00:00Z");
    expect(old.status).toBe(400);
  });
});

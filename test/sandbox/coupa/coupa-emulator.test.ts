import axios, { type AxiosInstance } from "axios";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createCoupaEmulator } from "../../../src/sandbox/coupa/coupa-emulator.js";
import { type Served, serve } from "../portal/serve.js";
import { SUPPLIER_COUNT, T0, coupaSeed, credentials } from "./fixture.js";

let now = T0;
const emulator = createCoupaEmulator({ seed: coupaSeed(), credentials, clock: () => now });
let served: Served;
let api: AxiosInstance;

async function token(scope = credentials.scopes.join(" "), base = served.baseUrl): Promise<string> {
  const res = await axios.post(
    `${base}/oauth2/token`,
    new URLSearchParams({ grant_type: "client_credentials", client_id: credentials.clientId, client_secret: credentials.clientSecret, scope }),
  );
  return res.data.access_token as string;
}

function client(accessToken: string, base = served.baseUrl): AxiosInstance {
  return axios.create({
    baseURL: `${base}/api`,
    headers: { Authorization: `Bearer ${accessToken}`, Accept: "application/json" },
    validateStatus: () => true,
  });
}

async function ids(resource: string, params: Record<string, string | number>): Promise<number[]> {
  const res = await api.get(`/${resource}`, { params });
  expect(res.status, JSON.stringify(res.data)).toBe(200);
  return res.data.map((r: { id: number }) => r.id);
}

beforeAll(async () => {
  served = await serve(emulator);
});
afterAll(() => served.close());
beforeEach(async () => {
  now = T0;
  emulator.reset();
  api = client(await token());
});

describe("Coupa token issuance", () => {
  it("issues a bearer token for client_credentials with expires_in 86399", async () => {
    const res = await axios.post(`${served.baseUrl}/oauth2/token`, "grant_type=client_credentials&client_id=partner-sync&client_secret=s3cret&scope=core.supplier.read", {
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(res.data).toEqual({ access_token: expect.any(String), expires_in: 86399, token_type: "bearer" });
  });

  it("answers 401 for a wrong secret and 400 for a scope the client does not hold", async () => {
    const post = (body: Record<string, string>) =>
      axios.post(`${served.baseUrl}/oauth2/token`, new URLSearchParams({ grant_type: "client_credentials", client_id: "partner-sync", ...body }), { validateStatus: () => true });
    const badSecret = await post({ client_secret: "nope", scope: "core.supplier.read" });
    expect(badSecret.status).toBe(401);
    expect(badSecret.data.error).toBe("invalid_client");
    const badScope = await post({ client_secret: "s3cret", scope: "core.supplier.write" });
    expect(badScope.status).toBe(400);
    expect(badScope.data.error).toBe("invalid_scope");
  });

  it("takes expires_in from the tokenExpiresInSeconds fault and refuses the token once it has passed", async () => {
    const short = createCoupaEmulator({ seed: coupaSeed(), credentials, clock: () => now, faults: { tokenExpiresInSeconds: 60 } });
    const s = await serve(short);
    try {
      const res = await axios.post(`${s.baseUrl}/oauth2/token`, new URLSearchParams({ grant_type: "client_credentials", client_id: "partner-sync", client_secret: "s3cret", scope: "core.supplier.read" }));
      expect(res.data.expires_in).toBe(60);
      const c = client(res.data.access_token, s.baseUrl);
      now = new Date(T0.getTime() + 59_000);
      expect((await c.get("/suppliers")).status).toBe(200);
      now = new Date(T0.getTime() + 60_000);
      expect((await c.get("/suppliers")).status).toBe(401);
    } finally {
      await s.close();
    }
  });
});

describe("Coupa auth and scopes", () => {
  it("answers 401 without a bearer token or with an unknown one", async () => {
    const none = await axios.get(`${served.baseUrl}/api/suppliers`, { headers: { Accept: "application/json" }, validateStatus: () => true });
    expect(none.status).toBe(401);
    expect((await client("forged").get("/suppliers")).status).toBe(401);
  });

  it("answers 403 for a route outside the token's scopes", async () => {
    const invoicesOnly = client(await token("core.invoice.read"));
    expect((await invoicesOnly.get("/invoices")).status).toBe(200);
    for (const path of ["/suppliers", "/supplier_information", "/suppliers/1", "/coupa_pay/payments"]) {
      const res = await invoicesOnly.get(path);
      expect(res.status, path).toBe(403);
      expect(res.data.errors).toBeDefined();
    }
    const suppliersOnly = client(await token("core.supplier.read"));
    expect((await suppliersOnly.get("/supplier_information")).status).toBe(200);
    expect((await suppliersOnly.get("/invoices")).status).toBe(403);
  });
});

describe("Coupa content negotiation", () => {
  it("answers well-formed XML, typed application/xml, when Accept does not ask for JSON", async () => {
    const res = await axios.get(`${served.baseUrl}/api/invoices`, { headers: { Authorization: `Bearer ${await token()}`, Accept: "*/*" } });
    expect(res.headers["content-type"]).toMatch(/^application\/xml/);
    expect(typeof res.data).toBe("string");
    expect(() => JSON.parse(res.data)).toThrow();
    expect(res.data).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<invoice-headers type="array"><invoice-header><id type="integer">1<\/id>/);
    expect(res.data).toContain("<payment-date nil=\"true\"/>");
  });
});

describe("Coupa values", () => {
  it("sends hyphenated keys, decimals as strings and timestamps with an offset", async () => {
    const res = await api.get("/invoices/1");
    expect(res.data).toMatchObject({ "invoice-number": "INV-001", "gross-total": "1250.00", "amount-due": "1250.00", "updated-at": "2026-05-01T03:00:00-07:00", supplier: { id: 1, number: "S-0001" } });
    expect((await api.get("/invoices/5")).data["gross-total"]).toBe("75.00");
    expect((await api.get("/suppliers/1")).data).toMatchObject({ "on-hold": true, "remit-to-addresses": [expect.objectContaining({ city: "Denver" })] });
    expect((await api.get("/supplier_information/1")).data["supplier-information-addresses"][0]).toMatchObject({ kind: "RTA", active: true, "bank-account-number": "12345678" });
  });

  it("answers 404 for an unknown id or resource", async () => {
    expect((await api.get("/invoices/99")).status).toBe(404);
    expect((await api.get("/purchase_orders")).status).toBe(404);
  });
});

describe("Coupa paging", () => {
  it("returns a bare array of at most 50, clamping a larger limit", async () => {
    const first = await api.get("/suppliers");
    expect(Array.isArray(first.data)).toBe(true);
    expect(first.data).toHaveLength(50);
    expect(first.data[0].id).toBe(1);
    expect((await api.get("/suppliers", { params: { limit: 500 } })).data).toHaveLength(50);
    expect((await api.get("/suppliers", { params: { limit: 7 } })).data).toHaveLength(7);
  });

  it("ends with a short page and reads every record exactly once with offset paging", async () => {
    for (const order of [{}, { order_by: "updated_at", dir: "desc" }, { order_by: "name", dir: "asc" }]) {
      const seen: number[] = [];
      const sizes: number[] = [];
      for (let offset = 0; ; offset += 50) {
        const res = await api.get("/suppliers", { params: { ...order, offset, limit: 50 } });
        seen.push(...res.data.map((r: { id: number }) => r.id));
        sizes.push(res.data.length);
        if (res.data.length < 50) break;
      }
      expect(sizes).toEqual([50, 50, SUPPLIER_COUNT - 100]);
      expect(new Set(seen).size).toBe(SUPPLIER_COUNT);
    }
  });

  it("orders by id ascending by default and by order_by/dir when asked", async () => {
    expect(await ids("invoices", {})).toEqual([1, 2, 3, 4, 5]);
    expect(await ids("invoices", { order_by: "gross-total", dir: "desc" })).toEqual([3, 1, 4, 2, 5]);
    expect(await ids("invoices", { order_by: "updated_at" })).toEqual([5, 4, 1, 2, 3]);
  });

  it("rejects a bad offset, dir or order_by with 400 {errors:{resource:[…]}}", async () => {
    for (const params of [{ offset: -1 }, { dir: "up" }, { order_by: "nope" }]) {
      const res = await api.get("/invoices", { params });
      expect(res.status, JSON.stringify(params)).toBe(400);
      expect(res.data).toEqual({ errors: { invoices: [expect.any(String)] } });
    }
  });
});

describe("Coupa filters", () => {
  it.each([
    [{ status: "paid" }, [2, 5]],
    [{ paid: "true" }, [2, 5]],
    [{ "gross-total[gt]": "250.75" }, [1, 3]],
    [{ "gross-total[lt]": "250.75" }, [2, 5]],
    [{ "gross-total[gt_or_eq]": "250.75" }, [1, 3, 4]],
    [{ "gross-total[lt_or_eq]": "250.75" }, [2, 4, 5]],
    [{ "status[not_eq]": "paid" }, [1, 3, 4]],
    [{ "status[in]": "paid,voided" }, [2, 4, 5]],
    [{ "status[not_in]": "paid,voided" }, [1, 3]],
    [{ "invoice-number[contains]": "inv-00" }, [1, 2, 3]],
    [{ "invoice_number[starts_with]": "INV" }, [1, 2, 3, 4]],
    [{ "invoice-number[ends_with]": "4" }, [4]],
    [{ "payment-date[blank]": "true" }, [1, 3, 4]],
    [{ "payment_date[blank]": "false" }, [2, 5]],
    [{ "updated-at[gt]": "2026-05-01T10:00:00Z" }, [3]],
    [{ "updated_at[gt_or_eq]": "2026-05-01T03:00:00-07:00" }, [1, 2, 3]],
    [{ "updated-at[lt]": "2026-05-01T00:00:00+00:00" }, [4, 5]],
    [{ "supplier[number]": "S-0002" }, [2, 5]],
    [{ "supplier[id]": "1" }, [1, 3]],
    [{ "supplier[id][in]": "1,3" }, [1, 3, 4]],
    [{ "currency[code]": "EUR" }, [2]],
    [{ status: "paid", "currency[code]": "USD" }, [5]],
  ])("%j", async (params, expected) => {
    expect(await ids("invoices", params)).toEqual(expected);
  });

  it("answers a query asked again, between others and across offsets, the same (matches kept per query), and refuses a bad one every time", async () => {
    const a = { status: "paid" };
    const b = { "status[not_eq]": "paid", order_by: "gross-total", dir: "desc" };
    const first = [await ids("invoices", a), await ids("invoices", b)];
    expect(first).toEqual([[2, 5], [3, 1, 4]]);
    expect([await ids("invoices", b), await ids("invoices", a), await ids("invoices", { ...b, offset: 1 })]).toEqual([[3, 1, 4], [2, 5], [1, 4]]);
    expect(await ids("invoices", { ...b, dir: "asc" })).toEqual([4, 1, 3]);
    expect([await ids("invoices", { "status[in]": "paid,voided" }), await ids("invoices", a), await ids("invoices", {})]).toEqual([[2, 4, 5], [2, 5], [1, 2, 3, 4, 5]]);
    for (let i = 0; i < 2; i++) {
      const res = await api.get("/invoices", { params: { "status[bogus]": "x" } });
      expect(res.status).toBe(400);
      expect(res.data.errors.invoices[0]).toMatch(/Unknown operator 'bogus'/);
    }
  });

  it("treats dashes and underscores in names as the same", async () => {
    const dashed = await ids("suppliers", { "on-hold": "true", "payment-method": "ach", limit: 50 });
    const underscored = await ids("suppliers", { on_hold: "true", payment_method: "ach", limit: 50 });
    expect(dashed.length).toBeGreaterThan(0);
    expect(underscored).toEqual(dashed);
  });

  it("filters suppliers by status and updated-at as the sync does", async () => {
    const res = await api.get("/suppliers", { params: { status: "active", "updated-at[gt]": "2026-04-01T08:00:00Z" } });
    expect(res.data.length).toBeGreaterThan(0);
    for (const s of res.data) {
      expect(s.status).toBe("active");
      expect(new Date(s["updated-at"]).getTime()).toBeGreaterThan(Date.parse("2026-04-01T08:00:00Z"));
    }
  });

  it("projects fields, including an association's own fields", async () => {
    const res = await api.get("/invoices", { params: { fields: JSON.stringify(["id", "gross_total", { supplier: ["id"] }, { payments: ["amount-paid"] }]), status: "paid" } });
    expect(res.data).toEqual([
      { id: 2, "gross-total": "99.50", supplier: { id: 2 }, payments: [{ "amount-paid": "99.50" }] },
      { id: 5, "gross-total": "75.00", supplier: { id: 2 }, payments: [{ "amount-paid": "75.00" }] },
    ]);
  });

  it.each([
    [{ "foo[gt]": "1" }, /foo/],
    [{ "gross-total[gt]": "abc" }, /abc/],
    [{ "updated-at[gt]": "yesterday" }, /yesterday/],
    [{ supplier: "1" }, /supplier/],
    [{ "status[bogus]": "x" }, /bogus/],
    [{ "supplier[nope]": "1" }, /nope/],
    [{ "payment-date[blank]": "maybe" }, /maybe/],
    [{ fields: "[id" }, /fields/],
  ])("rejects %j with 400 {errors:{invoices:[…]}}", async (params, message) => {
    const res = await api.get("/invoices", { params });
    expect(res.status).toBe(400);
    expect(res.data.errors.invoices[0]).toMatch(message);
  });
});

describe("Coupa rate-limit fault", () => {
  it("answers 429, with Retry-After only when configured to send it", async () => {
    for (const sendRetryAfter of [true, false]) {
      const limited = createCoupaEmulator({ seed: coupaSeed(), credentials, clock: () => now, faults: { rateLimit: { afterCalls: 1, retryAfterSeconds: 2, sendRetryAfter } } });
      const s = await serve(limited);
      try {
        const c = client(await token(undefined, s.baseUrl), s.baseUrl);
        expect((await c.get("/suppliers")).status).toBe(200);
        const res = await c.get("/suppliers");
        expect(res.status).toBe(429);
        expect(res.headers["retry-after"]).toBe(sendRetryAfter ? "2" : undefined);
      } finally {
        await s.close();
      }
    }
  });
});

// systems.<name>.proxyUrl: each connector's calls go through the configured proxy (a forward proxy on
// 127.0.0.1 that records what it forwards), and the portal's and Coupa's never through an
// HTTP(S)_PROXY of the environment.
import "../salesforce/no-proxy.js";
import { afterEach, describe, expect, it } from "vitest";
import { accounts, connect, sfConfig, startOrg, stopOrgs } from "../salesforce/harness.js";
import { collect as collectPortal, credentials as portalCredentials, portalWorld, seed as portalSeed, type PortalWorld } from "../portal/fixture.js";
import { collect as collectCoupa, credentials as coupaCredentials, coupaWorld, seed as coupaSeed, type CoupaWorld } from "../coupa/fixture.js";
import { startForwardProxy, type ForwardProxy } from "./forward-proxy.js";

let proxy: ForwardProxy | undefined;
let portal: PortalWorld | undefined;
let coupa: CoupaWorld | undefined;
afterEach(async () => {
  await stopOrgs();
  await portal?.close();
  await coupa?.close();
  await proxy?.close();
  proxy = portal = coupa = undefined;
  delete process.env.HTTP_PROXY;
});

const through = (p: ForwardProxy, path: string) => p.seen.filter((line) => line.includes(path)).length;

describe("systems.<name>.proxyUrl", () => {
  it("Salesforce: the token grant and the reads go through it", async () => {
    proxy = await startForwardProxy();
    const org = await startOrg({ records: { Account: accounts(3) } });
    const sf = connect(org, { config: { ...sfConfig(org), proxyUrl: proxy.url } });
    let n = 0;
    for await (const page of sf.readAll("Account", { fields: ["Name"] })) n += page.records.length;
    expect(n).toBe(3);
    expect(through(proxy, "/services/oauth2/token")).toBe(1);
    expect(through(proxy, "/services/data/v62.0/query")).toBe(org.count("GET", "/query"));
  });

  it("the portal: every call goes through it", async () => {
    proxy = await startForwardProxy();
    portal = await portalWorld(portalSeed(3));
    const c = portal.connector({ config: { baseUrl: portal.served.url, tenantId: portalCredentials.tenantId, proxyUrl: proxy.url } });
    expect((await collectPortal(c.readAll("Account", { fields: [] }))).records).toHaveLength(3);
    expect(proxy.seen.length, "every call the portal answered came through the proxy").toBe(portal.recorder.count("portal"));
    expect(through(proxy, "/api/objects/v1/Account")).toBeGreaterThan(0);
  });

  it("the portal without one: an HTTP_PROXY in the environment does not reroute its calls", async () => {
    proxy = await startForwardProxy();
    process.env.HTTP_PROXY = proxy.url;
    portal = await portalWorld(portalSeed(2));
    expect((await collectPortal(portal.connector().readAll("Account", { fields: [] }))).records).toHaveLength(2);
    expect(proxy.seen).toEqual([]);
  });

  it("Coupa: the token grant and the reads go through it", async () => {
    proxy = await startForwardProxy();
    coupa = await coupaWorld(coupaSeed(3));
    const c = coupa.connector({ config: { baseUrl: coupa.served.url, clientId: coupaCredentials.clientId, scopes: coupaCredentials.scopes, proxyUrl: proxy.url } });
    expect((await collectCoupa(c.readAll("suppliers", { fields: [] }))).records).toHaveLength(3);
    expect(through(proxy, "/oauth2/token")).toBe(1);
    expect(through(proxy, "/api/suppliers")).toBeGreaterThan(0);
  });
});

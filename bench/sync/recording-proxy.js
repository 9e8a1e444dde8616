// A pass-through HTTP proxy in front of the three sandbox ports that records every call's method
// and URL, so the no-change incremental run can be counted per object (the sandbox's own counter
// only has route templates: every SOQL query is "GET …/query"). Used for the small incremental run
// only: it adds a hop, so the initial sync is measured without it. The Salesforce token response's
// instance_url names the emulator's port; it is rewritten to the proxy so later calls come here too.
import { createServer } from "node:http";

const HOP_BY_HOP = new Set(["host", "content-length", "connection", "keep-alive", "transfer-encoding", "content-encoding", "upgrade"]);

async function proxyFor(target, calls, system) {
  const server = createServer((req, res) => {
    forward(req, res).catch((e) => {
      // answered, never thrown: an exception here would end the bench with the sandbox still running
      calls.push({ system, method: req.method, url: req.url, error: String(e) });
      if (!res.headersSent) res.writeHead(502).end(String(e));
      else res.destroy();
    });
  });
  async function forward(req, res) {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !HOP_BY_HOP.has(k)));
    const body = chunks.length ? Buffer.concat(chunks) : undefined;
    const upstream = await fetch(target + req.url, { method: req.method, headers, ...(body ? { body } : {}) });
    calls.push({ system, method: req.method, url: req.url });
    let payload = Buffer.from(await upstream.arrayBuffer());
    const self = `http://127.0.0.1:${server.address().port}`;
    if (req.url.includes("/oauth2/token")) payload = Buffer.from(payload.toString("utf8").replaceAll(target, self));
    const out = Object.fromEntries([...upstream.headers].filter(([k]) => !HOP_BY_HOP.has(k)));
    res.writeHead(upstream.status, out).end(payload);
  }
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return { server, url: `http://127.0.0.1:${server.address().port}` };
}

/** Proxies for Salesforce and the portal; returns a config pointing at them and the call log. */
export async function startRecordingProxy(config) {
  const calls = [];
  const sf = await proxyFor(config.systems.salesforce.loginUrl, calls, "salesforce");
  const portal = await proxyFor(config.systems.portal.baseUrl, calls, "portal");
  const proxied = structuredClone(config);
  proxied.systems.salesforce.loginUrl = sf.url;
  proxied.systems.portal.baseUrl = portal.url;
  const close = () => Promise.all([sf, portal].map(({ server }) => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); })));
  return { config: proxied, calls, close };
}

/**
 * Calls per kind and object: `read` = data reads (SOQL query/queryAll and its next pages, portal
 * list), `describe` = schema reads (the run's live mappings check), `auth`, `write` (anything else).
 */
export function classifyCalls(calls) {
  const out = {};
  const add = (system, kind, object) => {
    const key = `${system} ${kind} ${object}`;
    out[key] = (out[key] ?? 0) + 1;
  };
  for (const c of calls) {
    const path = c.url.split("?")[0];
    if (c.url.includes("/oauth2/token")) add(c.system, "auth", "-");
    else if (path.endsWith("/describe") || path.endsWith("/_describe")) add(c.system, "describe", /\/(?:sobjects|v1)\/([^/]+)\/_?describe$/.exec(path)?.[1] ?? "(all)");
    else if (c.method === "GET" && /\/(query|queryAll)\/?$/.test(path)) {
      const q = new URL(`http://x${c.url}`).searchParams.get("q") ?? "";
      add(c.system, "read", /\bFROM\s+(\w+)/i.exec(q)?.[1] ?? "?");
    } else if (c.method === "GET" && /\/(query|queryAll)\/[^/]+$/.test(path)) {
      // a next page: one read more of an earlier query (its locator does not name the object)
      add(c.system, "read", "(next page)");
    } else if (c.method === "GET" && c.system === "portal") add(c.system, "read", /\/v1\/([^/?]+)/.exec(path)?.[1] ?? "?");
    else add(c.system, "write", `${c.method} ${path}`);
  }
  return out;
}

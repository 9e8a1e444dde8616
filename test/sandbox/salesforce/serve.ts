// Test-only stand-in for the sandbox core's server: node:http on 127.0.0.1, each request turned
// into a fetch Request and answered by msw's getResponse over the emulator's handlers.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { getResponse, type HttpHandler } from "msw";

export interface Served {
  url: string;
  close(): Promise<void>;
}

export async function serve(handlers: HttpHandler[]): Promise<Served> {
  const server: Server = createServer(async (req, res) => {
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${req.url ?? "/"}`;
      const body = req.method === "GET" || req.method === "HEAD" ? undefined : await readBody(req);
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      const response = await getResponse(handlers, new Request(url, { method: req.method ?? "GET", headers, ...(body ? { body } : {}) }));
      if (!response) {
        res.writeHead(404, { "content-type": "application/json" }).end('[{"errorCode":"NOT_FOUND","message":"The requested resource does not exist"}]');
        return;
      }
      const out = Buffer.from(await response.arrayBuffer());
      res.writeHead(response.status, Object.fromEntries(response.headers)).end(out);
    } catch (e) {
      res.writeHead(500, { "content-type": "text/plain" }).end(String(e));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return chunks.length ? Buffer.concat(chunks) : undefined;
}

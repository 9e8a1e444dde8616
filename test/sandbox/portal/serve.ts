// A stand-in for the sandbox core in these tests: serves an emulator's msw handlers on a real
// 127.0.0.1 port (node:http → Request → msw getResponse → response), so axios goes over the wire.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { getResponse } from "msw";
import type { Emulator } from "../../../src/sandbox/contracts.js";

export interface Served {
  baseUrl: string;
  close(): Promise<void>;
}

async function toRequest(req: IncomingMessage, origin: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) {
    if (Array.isArray(v)) for (const item of v) headers.append(k, item);
    else if (v !== undefined) headers.set(k, v);
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD" && chunks.length > 0;
  return new Request(new URL(req.url ?? "/", origin), {
    method: req.method ?? "GET",
    headers,
    ...(hasBody ? { body: Buffer.concat(chunks) } : {}),
  });
}

export async function serve(emulator: Emulator): Promise<Served> {
  let origin = "";
  const server = createServer((req, res) => {
    void (async () => {
      const response = await getResponse(emulator.handlers, await toRequest(req, origin));
      if (!response) {
        res.writeHead(404, { "content-type": "text/plain" }).end("no handler");
        return;
      }
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    })().catch((err: unknown) => {
      res.writeHead(500, { "content-type": "text/plain" }).end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl: origin,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}

// Converts between node:http's request/response objects and the WHATWG Request/Response that msw
// handlers speak. Kept apart from the server so the conversion rules (repeated headers, Set-Cookie,
// HEAD, backpressure) are in one place.
import type { IncomingMessage, ServerResponse } from "node:http";

const BODYLESS_METHODS = new Set(["GET", "HEAD"]);

/** Buffers the request body: API bodies are small (≤ a few MB of CSV) and handlers read them whole. */
async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return chunks.length === 0 ? undefined : chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
}

export async function toFetchRequest(req: IncomingMessage, origin: string, signal: AbortSignal): Promise<Request> {
  const method = (req.method ?? "GET").toUpperCase();
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i] as string, raw[i + 1] as string);
  const body = BODYLESS_METHODS.has(method) ? undefined : await readBody(req);
  return new Request(origin + (req.url ?? "/"), { method, headers, signal, ...(body ? { body } : {}) });
}

function waitForDrain(res: ServerResponse): Promise<void> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      res.off("drain", onDrain);
      res.off("close", onClose);
    };
    const onDrain = () => {
      cleanup();
      resolve();
    };
    const onClose = () => {
      cleanup();
      reject(new Error("client closed the connection while the response was streaming"));
    };
    res.on("drain", onDrain);
    res.on("close", onClose);
  });
}

/**
 * The `drop` fault `at: body`: the status, the headers with the whole body's Content-Length and the
 * first half of the body, then (after `stallMs`) the socket destroyed — the client has started
 * reading an answer that never completes.
 */
export async function writeCutResponse(res: ServerResponse, response: Response, stallMs: number): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  writeHead(res, response);
  res.removeHeader("transfer-encoding");
  res.setHeader("content-length", body.byteLength);
  // Flushed to the socket before it goes: destroyed right away, the client would see nothing at all.
  await new Promise<void>((resolve) => res.write(body.subarray(0, Math.max(1, body.byteLength >> 1)), () => resolve()));
  const socket = res.socket;
  if (stallMs > 0 && socket && !socket.destroyed) {
    // Until the stall ends or the client gives up and closes (a test's teardown must not wait it out).
    await new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        socket.off("close", done);
        resolve();
      };
      const timer = setTimeout(done, stallMs);
      socket.once("close", done);
    });
  }
  socket?.destroy();
}

/** Status and headers of `response` onto `res` (nothing sent yet). */
function writeHead(res: ServerResponse, response: Response): void {
  res.statusCode = response.status;
  if (response.statusText) res.statusMessage = response.statusText;
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") res.setHeader(name, value);
  });
  // Headers.forEach would fold several cookies into one line, which no client can split back.
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader("set-cookie", cookies);
}

/** Sends `response` on `res`, streaming its body with backpressure; resolves when the body is sent. */
export async function writeFetchResponse(res: ServerResponse, response: Response, method: string): Promise<void> {
  writeHead(res, response);

  if (!response.body || method === "HEAD") {
    if (response.body) await response.body.cancel();
    res.end();
    return;
  }
  const reader = response.body.getReader();
  try {
    const first = await reader.read();
    if (first.done) {
      res.end();
      return;
    }
    const second = await reader.read();
    if (second.done) {
      // A body built from one string or buffer (every JSON page): send it with a Content-Length,
      // which spares the chunked framing and lets the client size its buffer. (The price: a stream
      // whose second chunk is slow holds back its first; the emulators produce no such stream.)
      if (!res.hasHeader("content-length") && !res.hasHeader("transfer-encoding")) res.setHeader("content-length", first.value.byteLength);
      res.end(first.value);
      return;
    }
    for (const chunk of [first.value, second.value]) {
      if (!res.write(chunk)) await waitForDrain(res);
    }
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      if (!res.write(next.value)) await waitForDrain(res);
    }
    res.end();
  } catch (error) {
    // The client went away or the body failed: stop the producer too.
    await reader.cancel(error).catch(() => {});
    throw error;
  } finally {
    reader.releaseLock();
  }
}

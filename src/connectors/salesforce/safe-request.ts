// The HTTP exchange under jsforce, for every Salesforce call (REST, Bulk, OAuth). jsforce 3.10's own
// (`lib/request.js`) pipes a response body with `Readable.fromWeb(body).pipe(output)`, which forwards
// no error: a connection reset after the headers, or undici's body timeout, is emitted on a stream
// nobody listens to — an uncaught exception that ends the process (forcedotcom/cli#3622 is the same
// family) — and a body that stalls is waited for until that timeout (undici's default, 300 s), then
// the same crash. This creator does what jsforce's does for the calls partner-sync makes, with the
// body read under a handler: its failure rejects the call (a `network` ConnectorError, retried when
// the call is idempotent) and a body idle for the timeout is one.
//
// Timeout: `options.timeout` (the connector's `timeoutMs`) to the response headers, as jsforce's, and
// the same again between two chunks of the body (undici's `bodyTimeout`): a large result that keeps
// arriving is never cut, one that stops is. No retries here (jsforce's are off: ours honour Retry-After).
// Proxy: `systems.salesforce.proxyUrl` when set; else as jsforce: `https_proxy`, `http_proxy`,
// `HTTPS_PROXY`, `HTTP_PROXY`, in that order, without `NO_PROXY` (../shared/docs/systems.md).
import { Duplex, PassThrough } from "node:stream";
import type { HttpRequest, HttpRequestOptions } from "jsforce";
import { isRedirect, performRedirectRequest } from "jsforce/lib/request-helper.js";
import { concatStreamsAsDuplex } from "jsforce/lib/util/stream.js";
import { Agent, fetch, ProxyAgent, type Dispatcher } from "undici";

export type RequestStreamCreator = (req: HttpRequest, options?: HttpRequestOptions) => Duplex;

interface ResponseHead {
  statusCode: number;
  headers: Record<string, string>;
}

function proxyFromEnv(env: NodeJS.ProcessEnv): string | undefined {
  return env.https_proxy ?? env.http_proxy ?? env.HTTPS_PROXY ?? env.HTTP_PROXY ?? undefined;
}

/** A request body jsforce hands over: text or bytes (the calls partner-sync makes send nothing else). */
function bodyOf(req: HttpRequest): string | Buffer | undefined {
  const body: unknown = req.body;
  if (body === undefined || body === null || body === "") return undefined;
  if (typeof body === "string" || Buffer.isBuffer(body)) return body;
  throw new TypeError(`safe-request: ${req.method} ${req.url}: a request body of type ${typeof body} is not supported (text or bytes only)`);
}

/**
 * A jsforce request-stream creator (`Transport#getRequestStreamCreator`) with its own keep-alive
 * agent: `installSafeRequest` puts it on a jsforce Connection's or OAuth2's transport.
 */
export function createSafeRequest(timeoutMs: number, proxyUrl?: string, env: NodeJS.ProcessEnv = process.env): RequestStreamCreator {
  const proxy = proxyUrl ?? proxyFromEnv(env);
  const timeouts = { headersTimeout: timeoutMs, bodyTimeout: timeoutMs };
  const dispatcher: Dispatcher = proxy
    ? new ProxyAgent({ uri: proxy, requestTls: { allowH2: false }, ...timeouts })
    : new Agent({ connect: { allowH2: false }, ...timeouts });

  return (req, options = {}) => {
    const output = new PassThrough();
    const stream = concatStreamsAsDuplex(new PassThrough(), output);
    // After the caller has attached its listeners (jsforce attaches 'complete' and 'error' on return).
    setImmediate(() => void exchange(req, options, stream, output, 0));
    return stream;
  };

  async function exchange(req: HttpRequest, options: HttpRequestOptions, stream: Duplex, output: PassThrough, redirects: number): Promise<void> {
    const limit = options.timeout ?? timeoutMs;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new DOMException(`no response headers within ${limit} ms`, "TimeoutError")), limit);
    let head: ResponseHead;
    let res: Awaited<ReturnType<typeof fetch>>;
    try {
      const body = bodyOf(req);
      res = await fetch(req.url, {
        method: req.method,
        headers: req.headers as Record<string, string> | undefined,
        ...(body !== undefined ? { body } : {}),
        redirect: "manual",
        signal: controller.signal,
        dispatcher,
      });
      const headers: Record<string, string> = {};
      res.headers.forEach((value, name) => (headers[name.toLowerCase()] = value));
      head = { statusCode: res.status, headers };
    } catch (e) {
      stream.emit("error", e);
      return;
    } finally {
      clearTimeout(timer);
    }
    try {
      // Redirects followed as jsforce does by default (its `followRedirect: true`), at most 10.
      const follow = options.followRedirect ?? true;
      if (follow && isRedirect(head.statusCode)) {
        await res.body?.cancel();
        performRedirectRequest(req, head, follow, redirects, (next: HttpRequest) => void exchange(next, options, stream, output, redirects + 1));
        return;
      }
      stream.emit("response", head);
      const chunks: Buffer[] = [];
      if (res.body) for await (const chunk of res.body) chunks.push(Buffer.from(chunk));
      const text = Buffer.concat(chunks).toString((options.encoding as BufferEncoding | undefined) ?? "utf8");
      output.end(text);
      stream.emit("complete", { ...head, body: text });
    } catch (e) {
      // A reset or a stall mid-body: the call fails, nothing is left waiting, nothing is thrown uncaught.
      stream.emit("error", e);
    }
  }
}

/** Makes a jsforce transport send through `request` (jsforce calls `getRequestStreamCreator` per request). */
export function installSafeRequest(transport: object, request: RequestStreamCreator): void {
  (transport as { getRequestStreamCreator: () => RequestStreamCreator }).getRequestStreamCreator = () => request;
}

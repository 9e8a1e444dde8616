// Response builders in Salesforce's shapes: JSON with `application/json;charset=UTF-8`, REST errors
// as a JSON array `[{message, errorCode, fields?}]`.
export interface RestError {
  message: string;
  errorCode: string;
  fields?: string[];
}

const JSON_TYPE = "application/json;charset=UTF-8";

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": JSON_TYPE, ...headers } });
}

export function restError(status: number, errorCode: string, message: string, fields?: string[]): Response {
  const e: RestError = { message, errorCode, ...(fields ? { fields } : {}) };
  return json([e], status);
}

export function csv(body: string, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(body, { status, headers: { "content-type": "text/csv", ...headers } });
}

export function empty(status: number): Response {
  return new Response(null, { status });
}

/** A handler's way to end with a REST error from deep inside (caught by the route wrapper). */
export class RestFailure extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly fields?: string[],
  ) {
    super(message);
  }

  toResponse(): Response {
    return restError(this.status, this.errorCode, this.message, this.fields);
  }
}

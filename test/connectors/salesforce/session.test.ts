import { afterEach, describe, expect, it } from "vitest";
import { ConnectorError } from "../../../src/connectors/shared/connector-error.js";
import { accounts, connect, credentials, startOrg, stopOrgs, type Flow } from "./harness.js";

afterEach(stopOrgs);

const read = { fields: ["Name"] };

describe("Salesforce auth flows", () => {
  it.each<Flow>(["client_credentials", "jwt", "refresh_token"])("reads with a session from the %s flow", async (flow) => {
    const org = await startOrg({ records: { Account: accounts(3) } });
    const sf = connect(org, { flow });
    const pages = [];
    for await (const p of sf.readAll("Account", read)) pages.push(p);
    expect(pages.flatMap((p) => p.records)).toHaveLength(3);
    expect(org.count("POST", "/services/oauth2/token")).toBe(1);
  });

  it("hands a rotated refresh token to onRefreshTokenRotated and uses it for the next refresh", async () => {
    const org = await startOrg({ records: { Account: accounts(2) }, refreshTokenRotation: true, faults: { sessionExpiresAfterCalls: 1 } });
    const rotated: string[] = [];
    const sf = connect(org, { flow: "refresh_token", onRefreshTokenRotated: (t) => void rotated.push(t) });
    await sf.limits();
    await sf.limits(); // the session has served its one call: 401, refresh with the rotated token, replay
    expect(rotated).toHaveLength(2);
    expect(rotated[0]).not.toBe(credentials().refreshToken);
    expect(rotated[1]).not.toBe(rotated[0]);
  });

  it("fails with kind auth and the OAuth error code when the grant is refused", async () => {
    const org = await startOrg();
    const sf = connect(org, { secrets: { salesforceClientSecret: "wrong" } });
    const e = await sf.limits().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ConnectorError);
    expect(e).toMatchObject({ kind: "auth", status: 400, serviceCode: "invalid_grant", route: "POST /services/oauth2/token" });
    expect(org.count("GET")).toBe(0);
  });

  it("refuses to build a JWT session without the private key", () => {
    expect(() => connect({ url: "http://127.0.0.1:9" } as never, { flow: "jwt", secrets: {} })).toThrow(/salesforcePrivateKey/);
  });
});

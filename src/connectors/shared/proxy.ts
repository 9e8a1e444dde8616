// An outbound proxy a system is reached through (`systems.<name>.proxyUrl`): `http://host:port` or
// `https://host:port`, without credentials (proxy authentication is not supported: a password would
// sit in a config file). HTTPS targets are tunnelled through it with CONNECT, HTTP ones sent to it
// in absolute form — by axios (portal, Coupa) and by undici's ProxyAgent (Salesforce).
import type { AxiosProxyConfig } from "axios";

/** axios's `proxy` option for `proxyUrl`; `false` without one (an `HTTP(S)_PROXY` in the environment never reroutes a call). */
export function axiosProxy(proxyUrl: string | undefined): AxiosProxyConfig | false {
  if (proxyUrl === undefined) return false;
  const u = new URL(proxyUrl);
  return { protocol: u.protocol.replace(/:$/, ""), host: u.hostname.replace(/^\[|\]$/g, ""), port: Number(u.port || (u.protocol === "https:" ? 443 : 80)) };
}

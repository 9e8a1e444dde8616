// Salesforce record Ids: 15 case-sensitive characters (3-char key prefix of the sObject + 12),
// plus a 3-character suffix that encodes the case of the first 15, making the 18-char form
// case-insensitively unique. Clients see 18-char Ids; 15-char ones are accepted in filters.

const SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const ID_RE = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-5]{3})?$/;

/** Well-known key prefixes; custom objects get `a0` + a letter in describe order. */
const STANDARD_PREFIXES: Record<string, string> = {
  Account: "001", Contact: "003", Opportunity: "006", Lead: "00Q", Case: "500", User: "005",
  Task: "00T", Event: "00U", Campaign: "701", Contract: "800", Order: "801", Product2: "01t",
};

export function keyPrefixFor(sobject: string, customIndex: number): string {
  return STANDARD_PREFIXES[sobject] ?? `a0${BASE62[10 + (customIndex % 52)]}`;
}

export function to18(id15: string): string {
  let suffix = "";
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charCodeAt(chunk * 5 + i);
      if (c >= 65 && c <= 90) bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET[bits];
  }
  return id15 + suffix;
}

/** The n-th Id of an sObject: prefix + pod-like `5g` + base-62 counter, in 18-char form. */
export function makeId(prefix: string, n: number): string {
  let body = "";
  let rest = n;
  for (let i = 0; i < 10; i++) {
    body = BASE62[rest % 62] + body;
    rest = Math.floor(rest / 62);
  }
  return to18(`${prefix}5g${body}`);
}

export function isSfId(text: string): boolean {
  return ID_RE.test(text);
}

/** 18-char form of a 15- or 18-char Id (the suffix is recomputed, so case counts in the first 15). */
export function normalizeId(text: string): string {
  return to18(text.slice(0, 15));
}

// Ids that look and check like each system's: Salesforce 18-character ids (key prefix, pod, base-62
// sequence and the case-safe checksum suffix), portal integers, Coupa integers.

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const SUFFIX = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

/** Salesforce's 15 → 18 character suffix: one char per 5-char chunk encoding which chars are upper case. */
export function sfChecksumSuffix(id15: string): string {
  let suffix = "";
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const ch = id15.charCodeAt(chunk * 5 + i);
      if (ch >= 65 && ch <= 90) bits |= 1 << i;
    }
    suffix += SUFFIX[bits];
  }
  return suffix;
}

export const SF_KEY_PREFIX = {
  Account: "001",
  Opportunity: "006",
  Lead: "00Q",
  User: "005",
  Partner_Person__c: "a0A",
  Deal_Registration__c: "a0B",
  Evaluation_License__c: "a0C",
  NFR_License__c: "a0D",
  Partner_Rebate__c: "a0E",
} as const;

export type SfObjectName = keyof typeof SF_KEY_PREFIX;

/** `pod` distinguishes generated records ("5g") from the hand-made malformed ones ("9z"). */
export function sfId(object: SfObjectName, seq: number, pod = "5g"): string {
  let body = "";
  let n = seq;
  for (let i = 0; i < 6; i++) {
    body = BASE62[n % 62]! + body;
    n = Math.floor(n / 62);
  }
  const id15 = `${SF_KEY_PREFIX[object]}${pod}0000${body}`;
  return id15 + sfChecksumSuffix(id15);
}

/** Portal ids: one integer range per object, as a tenant database would hand them out. */
export const PORTAL_ID_BASE = {
  Account: 10_000_000,
  User: 20_000_000,
  Deal_Registration: 30_000_000,
  Prospect: 40_000_000,
  NFR_Request: 50_000_000,
  Services_POE: 60_000_000,
} as const;

export type PortalObjectName = keyof typeof PORTAL_ID_BASE;

/** Counters per object, so ids follow creation order and stay dense. */
export class IdSequences {
  private readonly sf = new Map<SfObjectName, number>();
  private readonly portal = new Map<PortalObjectName, number>();
  private coupaSeq = 0;

  nextSf(object: SfObjectName): string {
    const n = (this.sf.get(object) ?? 0) + 1;
    this.sf.set(object, n);
    return sfId(object, n);
  }

  nextPortal(object: PortalObjectName): number {
    const n = (this.portal.get(object) ?? 0) + 1;
    this.portal.set(object, n);
    return PORTAL_ID_BASE[object] + n;
  }

  nextCoupa(): number {
    this.coupaSeq += 1;
    return 4000 + this.coupaSeq;
  }
}

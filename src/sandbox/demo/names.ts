// Plausible company and person names, drawn from the PRNG so they are deterministic too.
import type { Prng } from "./prng.js";

const FIRST = ["Ana", "Ben", "Chen", "Dana", "Elif", "Femi", "Grace", "Hiro", "Ines", "Jonas", "Kavya", "Liam", "Mei", "Nadia",
  "Omar", "Priya", "Quinn", "Rafael", "Sofia", "Tariq", "Uma", "Viktor", "Wen", "Ximena", "Yusuf", "Zoe", "Arjun", "Björn",
  "Camille", "Diego", "Emma", "Felipe", "Hannah", "Isabela", "Kenji", "Lucia", "Mateo", "Noor", "Oliver", "Sakura"];
const LAST = ["Andersen", "Bauer", "Costa", "Dubois", "Eriksson", "Fischer", "García", "Hughes", "Ito", "Jansen", "Kumar", "Lopez",
  "Müller", "Nakamura", "Okafor", "Patel", "Rossi", "Santos", "Tanaka", "Usman", "Varga", "Wang", "Yilmaz", "Zhang", "Kowalski",
  "Singh", "Oliveira", "Schmidt", "Suzuki", "Brown", "Nguyen", "Cohen", "Reddy", "Moreau", "Lindqvist", "Silva"];
const PARTNER_STEM = ["Cloud", "Dev", "Ops", "Code", "Pipeline", "Stack", "Byte", "Agile", "Nimbus", "Vector", "Quantum", "Summit",
  "Harbor", "Atlas", "Beacon", "Cobalt", "Delta", "Ember", "Falcon", "Granite", "Helix", "Iris", "Juniper", "Kite"];
const PARTNER_SUFFIX = ["Works", "Systems", "Consulting", "Solutions", "Labs", "Partners", "Group", "Digital", "Integrators", "Tech"];
const CUSTOMER_STEM = ["Northwind", "Contoso", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Tyrell", "Cyberdyne", "Soylent",
  "Acme", "Vandelay", "Hooli", "Massive", "Oscorp", "Wonka", "Gringotts", "Aperture", "Monarch", "Pied Piper", "Sirius", "Zenith"];
const CUSTOMER_KIND = ["Bank", "Insurance", "Logistics", "Health", "Energy", "Retail", "Telecom", "Motors", "Airlines", "Foods",
  "Pharma", "Media", "University", "Agency", "Manufacturing"];
const LEGAL = ["Inc.", "GmbH", "Ltd", "S.A.", "K.K.", "Pvt Ltd", "Pty Ltd", "B.V.", "AB", "LLC"];
const TITLES = ["Solutions Architect", "Account Executive", "DevOps Engineer", "Sales Director", "Partner Manager",
  "Professional Services Engineer", "CTO", "Engineering Manager", "Alliance Manager", "Presales Engineer"];

export interface PersonName { first: string; last: string }

export function personName(rng: Prng): PersonName {
  return { first: rng.pick(FIRST), last: rng.pick(LAST) };
}

export function title(rng: Prng): string {
  return rng.pick(TITLES);
}

/** `n` makes names unique across a large data set without looking generated. */
export function partnerName(rng: Prng, n: number): string {
  return `${rng.pick(PARTNER_STEM)}${rng.pick(PARTNER_SUFFIX)} ${n} ${rng.pick(LEGAL)}`;
}

export function customerName(rng: Prng, n: number): string {
  return `${rng.pick(CUSTOMER_STEM)} ${rng.pick(CUSTOMER_KIND)} ${n}`;
}

/** An email local part and domain without diacritics, as mail systems would have them. */
export function emailOf(name: PersonName, domain: string): string {
  const ascii = (s: string) => s.normalize("NFD").replace(/[^A-Za-z]/g, "").toLowerCase();
  return `${ascii(name.first)}.${ascii(name.last)}@${domain}`;
}

export function domainOf(company: string, tld: string): string {
  return `${company.split(" ")[0]!.normalize("NFD").replace(/[^A-Za-z0-9]/g, "").toLowerCase()}${company.split(" ")[1] ?? ""}.${tld}`;
}

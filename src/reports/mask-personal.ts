// Reports are pasted into tickets and chat at 2 a.m.: end customers' and partner users' emails and
// phone numbers never appear in them in full. Enough stays to recognise a record (first letter and
// domain of an email, last two digits of a phone), not enough to contact the person.

const EMAIL = /([A-Za-z0-9._%+'-])[A-Za-z0-9._%+'-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})/g;
/** Canonical or system field names that hold personal contact data whatever the value looks like. */
const PHONE_FIELD = /phone|mobile|fax/i;
const EMAIL_FIELD = /e-?mail/i;

/** `jane.doe@example.com` → `j***@example.com`, anywhere in a text (messages name people too). */
export function maskEmails(text: string): string {
  return text.replace(EMAIL, (_m, first: string, domain: string) => `${first}***@${domain}`);
}

/** Every digit but the last two becomes `*`, keeping the shape: `+1 415 555 0167` → `+* *** *** **67`. */
export function maskPhone(text: string): string {
  const digits = text.replace(/\D/g, "").length;
  let seen = 0;
  return text.replace(/\d/g, (d) => (++seen > digits - 2 ? d : "*"));
}

/** Masks one string value of `field`: phones by field name, emails wherever they occur. */
export function maskPersonal(field: string | undefined, text: string): string {
  if (field !== undefined && PHONE_FIELD.test(field)) return maskPhone(text);
  const masked = maskEmails(text);
  // An email field holding something that is not an email is still personal: show its length only.
  if (field !== undefined && EMAIL_FIELD.test(field) && masked === text && text !== "") return "***";
  return masked;
}

// What never reaches a log line: credentials, and end customers' personal data (emails, phones).
// pino's redact needs explicit paths, so the sensitive key names are expanded to a few nesting
// levels (log objects here are shallow: a record's fields sit at most three levels down).

const SENSITIVE_KEYS = [
  "password", "secret", "clientSecret", "client_secret", "token", "accessToken", "access_token",
  "refreshToken", "refresh_token", "apiKey", "api_key", "authorization", "Authorization",
  "privateKey", "assertion", "email", "Email", "phone", "Phone", "MobilePhone", "mobilePhone",
];
/** Custom-field spellings of the same data in Salesforce (`__c`) and the portal (`__cf`, camelCased). */
const SENSITIVE_FIELDS = ["Contact_Email__c", "End_User_Email__c", "End_User_Phone__c", "contact_Email__cf", "contactEmail", "endUserEmail", "endUserPhone"];

export function redactPaths(depth = 3): string[] {
  const keys = [...SENSITIVE_KEYS, ...SENSITIVE_FIELDS].map((k) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : `["${k}"]`));
  const paths: string[] = [];
  for (let d = 0; d <= depth; d++) {
    const prefix = "*.".repeat(d);
    for (const k of keys) paths.push(prefix + k);
  }
  // HTTP headers as axios and node log them
  paths.push("headers.authorization", "req.headers.authorization", 'headers["x-prm-tenantid"]');
  return paths;
}

export const REDACTED = "[redacted]";

// SOQL errors worded the way Salesforce words them: the offending line of the query, a caret
// under the column, `ERROR at Row:R:Column:C`, then the detail. Row and column are 1-based.

export interface SourcePos {
  row: number;
  col: number;
}

export class SoqlError extends Error {
  constructor(
    readonly errorCode: "MALFORMED_QUERY" | "INVALID_FIELD" | "INVALID_TYPE" | "NUMBER_OUTSIDE_VALID_RANGE" | "INVALID_QUERY_FILTER_OPERATOR",
    message: string,
  ) {
    super(message);
    this.name = errorCode;
  }
}

export function soqlError(code: SoqlError["errorCode"], detail: string, query: string, pos: SourcePos): SoqlError {
  const line = query.split("\n")[pos.row - 1] ?? "";
  const caret = " ".repeat(Math.max(0, pos.col - 1)) + "^";
  return new SoqlError(code, `\n${line}\n${caret}\nERROR at Row:${pos.row}:Column:${pos.col}\n${detail}`);
}

export function unknownColumn(field: string, sobject: string): string {
  return (
    `No such column '${field}' on entity '${sobject}'. If you are attempting to use a custom field, ` +
    `be sure to append the '__c' after the custom field name. Please reference your WSDL or the ` +
    `describe call for the appropriate names.`
  );
}

export function unknownSObject(sobject: string): string {
  return (
    `sObject type '${sobject}' is not supported. If you are attempting to use a custom object, ` +
    `be sure to append the '__c' after the entity name. Please reference your WSDL or the ` +
    `describe call for the appropriate names.`
  );
}

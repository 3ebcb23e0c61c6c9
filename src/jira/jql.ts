/** A JQL string literal: quoted, with Jira's backslash escapes, so that any value stays one value of the query. */
export function jqlString(value: string): string {
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}

/** A JQL date-time literal in UTC, to the minute (JQL's finest unit). */
export function jqlDateTime(date: Date): string {
  return jqlString(date.toISOString().slice(0, 16).replace('T', ' '));
}

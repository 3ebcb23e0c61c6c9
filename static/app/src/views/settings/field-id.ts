/** The DOM id of the form field that edits a dotted settings path (also where an issue summary links to). */
export const fieldId = (path: string) => `field-${path.replace(/[^A-Za-z0-9]+/g, '-')}`;

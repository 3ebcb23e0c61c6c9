/**
 * Jira text (names, summaries, comments) written out where it could act rather than be shown: pure functions, one
 * copy shared by the CLI and the UI's exports.
 */
/* eslint-disable no-control-regex -- matching control characters is the point of this file */

/** Characters that make a spreadsheet read a cell as a formula when it opens a CSV file. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Text that would start a formula is prefixed with an apostrophe, so a spreadsheet shows it rather than runs it. */
export function spreadsheetCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Escape sequences whole (CSI such as clear-screen or colours; OSC such as window titles and hyperlinks). */
const ESCAPE_SEQUENCE =
  /\u001B\[[0-?]*[ -/]*[@-~]|\u001B\][^\u0007\u001B]*(?:\u0007|\u001B\\)?|\u009B[0-?]*[ -/]*[@-~]/g;

/**
 * C0 controls but tab and line feed (carriage return included: it rewrites a line), DEL, C1 controls, and the bidi
 * embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) that reorder the text printed after them.
 */
const UNSAFE_CHARACTER = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** Text safe to print on a terminal: no escape sequences, no control characters, no bidi overrides. */
export function terminalText(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '').replace(UNSAFE_CHARACTER, '');
}

/** The explicit bidi formatting characters: embeddings, overrides (U+202A–U+202E) and isolates (U+2066–U+2069). */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;

/**
 * Jira text to be written into a sentence of the app's: when it carries bidi controls (a right-to-left override in a
 * display name), it is wrapped in an isolate (FSI … PDI), which ends whatever they started where the text ends, so
 * the app's words after it keep their order. Plain text is left as it is. Terminal output strips both (terminalText).
 */
export function isolated(text: string): string {
  return BIDI_CONTROL.test(text) ? `\u2068${text}\u2069` : text;
}

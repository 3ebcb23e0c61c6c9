/** Saves text as a file through a temporary link to a Blob (the Custom UI frame allows downloads on a click). */
export function downloadText(fileName: string, text: string, type: 'text/csv' | 'application/json'): void {
  // The byte order mark lets spreadsheets read the CSV as UTF-8 (names and summaries are rarely plain ASCII).
  const body = type === 'text/csv' ? `\uFEFF${text}` : text;
  const url = URL.createObjectURL(new Blob([body], { type: `${type};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

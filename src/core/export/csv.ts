/**
 * CSV as Excel and LibreOffice read it (RFC 4180): a field with a comma, quote or line break is quoted,
 * quotes doubled. A field that starts with = + - @ (or a tab or carriage return) would be run as a
 * formula by a spreadsheet (CSV injection, OWASP): device names, users and alert messages come from
 * the fleet, so such a field is prefixed with an apostrophe, which the spreadsheet shows as text.
 */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  // A number is data, never a formula: -5 stays -5.
  if (typeof value !== 'number' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(values: readonly (string | number | boolean | null | undefined)[]): string {
  return values.map(csvField).join(',') + '\r\n';
}

/** Excel reads a CSV without it as the local code page and garbles every non-ASCII name. */
export const utf8Bom = '\uFEFF';

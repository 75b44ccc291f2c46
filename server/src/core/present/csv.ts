// CSV rows (RFC 4180) for the bounce reports of the command line and the editor. Values come from files: control
// characters are dropped, and a value a spreadsheet would run as a formula (=, +, -, @ first) is quoted.

export function csvRow(values: readonly (string | number | undefined | null)[]): string {
  return values.map((v) => csvField(v === undefined || v === null ? '' : String(v))).join(',');
}

function csvField(value: string): string {
  const v = value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
  return /[",\r\n]|^[=+\-@\t]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** The columns of a bounce report, in the order both reports write them. */
export const BOUNCE_CSV_HEADER = ['file', 'line', 'recipient', 'action', 'reason', 'bounce', 'status', 'reply', 'remote_mta', 'date', 'diagnostic'] as const;

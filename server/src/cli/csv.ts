// CSV records with RFC 4180 quoting: a field with a comma, a double quote, a line break or outer spaces is quoted,
// its double quotes doubled. Records end with LF (the caller writes lines), which every CSV reader accepts.

export function csvRecord(fields: readonly string[]): string {
  return fields.map(csvField).join(',');
}

function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

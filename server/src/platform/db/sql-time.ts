/**
 * Times are written and read as UTC text with milliseconds, identical on SQLite and MySQL
 * (DATETIME(3), session time zone UTC). Dates of birth are plain 'YYYY-MM-DD' text and never
 * pass through a Date, so no time zone can shift them.
 */
export function toSqlDateTime(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', '');
}

export function fromSqlDateTime(text: string): Date {
  return new Date(`${text.replace(' ', 'T')}Z`);
}

export function nowSql(): string {
  return toSqlDateTime(new Date());
}

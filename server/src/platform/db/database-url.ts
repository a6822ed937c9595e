import path from 'node:path';

export type DatabaseTarget =
  | { client: 'sqlite'; filename: string }
  | {
      client: 'mysql';
      host: string;
      port: number;
      user: string;
      password: string;
      database: string;
    };

/** Read `sqlite:<file>` (`:memory:` allowed) or `mysql://user:password@host:port/database`. */
export function parseDatabaseUrl(url: string): DatabaseTarget {
  if (url.startsWith('sqlite:')) {
    const rest = url.slice('sqlite:'.length).replace(/^\/\//, '');
    const filename = rest === ':memory:' ? rest : path.resolve(rest);
    return { client: 'sqlite', filename };
  }

  const parsed = new URL(url);
  return {
    client: 'mysql',
    host: parsed.hostname,
    port: Number(parsed.port || 3306),
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: parsed.pathname.replace(/^\//, ''),
  };
}

/** Two URLs name the same database when they resolve to the same file or server + schema. */
export function isSameDatabase(first: string, second: string): boolean {
  const a = parseDatabaseUrl(first);
  const b = parseDatabaseUrl(second);
  if (a.client === 'sqlite' && b.client === 'sqlite') {
    return a.filename === b.filename && a.filename !== ':memory:';
  }

  if (a.client === 'mysql' && b.client === 'mysql') {
    return a.host === b.host && a.port === b.port && a.database === b.database;
  }

  return false;
}

import { z } from 'zod';

export interface BenchSettings {
  /** Seconds each figure is measured for, after its warm-up. */
  seconds: number;
  /** Admin URL of the MariaDB that hosts the scratch database. */
  mysqlUrl: string;
}

// The same default as the tests (design.md, "Database for tests"), so one MariaDB serves both.
const DEFAULT_MYSQL_URL = 'mysql://root@127.0.0.1:3306/test';

const SettingsSchema = z.object({
  BENCH_SECONDS: z.coerce.number().int().min(1).max(600).default(5),
  BENCH_MYSQL_URL: z.string().startsWith('mysql://').optional(),
  TEST_MYSQL_URL: z.string().startsWith('mysql://').optional(),
});

/** The bench's own knobs; the server under test still gets its config through loadConfig. */
export function readBenchSettings(env: NodeJS.ProcessEnv = process.env): BenchSettings {
  const parsed = SettingsSchema.safeParse(env);
  if (!parsed.success) {
    const variables = parsed.error.issues.map((issue) => String(issue.path[0]));
    throw new Error(`Invalid environment variable: ${variables.join(', ')}`);
  }

  const values = parsed.data;
  return {
    seconds: values.BENCH_SECONDS,
    mysqlUrl: values.BENCH_MYSQL_URL ?? values.TEST_MYSQL_URL ?? DEFAULT_MYSQL_URL,
  };
}

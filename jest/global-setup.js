/**
 * Before any test: find out whether the test MariaDB answers. With CI=true a MariaDB that does
 * not answer fails the run (design.md "Database for tests"); elsewhere its suites are skipped
 * and say so. Workers inherit the answer through the environment.
 */
const mysql = require('mysql2/promise');

module.exports = async function globalSetup() {
  const url = process.env.TEST_MYSQL_URL || 'mysql://root@127.0.0.1:3306/test';
  process.env.TEST_MYSQL_URL = url;
  try {
    const connection = await mysql.createConnection({ uri: url, connectTimeout: 5000 });
    const [rows] = await connection.query('select version() as version');
    await connection.end();
    process.env.MEMBERKIT_TEST_MYSQL = 'available';
    process.stdout.write(
      `\nMariaDB for database tests: ${rows[0].version} at ${new URL(url).host}\n`,
    );
  } catch (error) {
    if (process.env.CI === 'true') {
      throw new Error(
        `CI=true and the test MariaDB at ${new URL(url).host} does not answer: ${error.message}`,
      );
    }
    process.env.MEMBERKIT_TEST_MYSQL = 'unavailable';
    process.stdout.write(
      `\nMariaDB not reachable (${error.code || error.message}): MariaDB suites are skipped\n`,
    );
  }
};

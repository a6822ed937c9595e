import { printLine } from '../cli/terminal-output';
import type { DemoStack } from './demo-stack';

/** Enough of a token to tell which one it is; the whole one stays in the 0600 file. */
function hint(secret: string): string {
  return `${secret.slice(0, 6)}…`;
}

/** The `npm start` block for the demo day: kiosk, adapters, cameras and dev logins. */
export function printDemoStack({ addresses, credentials }: DemoStack): void {
  const staff = credentials.staff;
  printLine(`  Parking kiosk page: ${addresses.kiosk}`);
  printLine(`  Alipay sim:         ${addresses.simulators.alipay}`);
  printLine(
    `  Payment scripts:    ${addresses.paymentScripts}/script  (dev: USERPAYING, SYSTEMERROR...)`,
  );
  printLine(`  pos-adapter till:   ${addresses.tillApi}  (POST /checkouts, GET /status)`);
  printLine(`  parking-adapter:    ${addresses.camera}  (camera push URL)`);
  printLine(
    `    cameras:          entry ${addresses.cameras.entry}, exit ${addresses.cameras.exit}; ` +
      `gate codes ${addresses.gateCodes.entry} / ${addresses.gateCodes.exit}`,
  );
  printLine('  Staff logins (dev): Authorization: Bearer <token> on /v1/admin/...');
  printLine(
    `    parking ${hint(staff.parking)}  marketing ${hint(staff.marketing)}  ` +
      `operations ${hint(staff.operations)}  privacy-officer ${hint(staff.privacyOfficer)}`,
  );
  printLine(`    full tokens and device secrets: ${addresses.credentialsFile} (mode 0600)`);
  printLine(`  Adapter logs:       ${addresses.logs.posAdapter}, ${addresses.logs.parkingAdapter}`);
  printLine(`  Stack addresses:    ${addresses.dataDir}/stack.json  (npm run demo finds it)`);
}

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {
  BUILD_TIMEOUT_MS,
  ensureMiniprogramBuild,
  MINIPROGRAM_DIR,
} from './support/miniprogram-build';

const SIZE_SCRIPT = path.join(MINIPROGRAM_DIR, 'scripts/check-weapp-size.mjs');
const MAIN_PACKAGE_LIMIT = 2 * 1024 * 1024;

function checkSize(outputDir: string) {
  const run = spawnSync(process.execPath, [SIZE_SCRIPT, outputDir], { encoding: 'utf8' });
  const bytes = Number(/main package: (\d+) bytes/.exec(run.stdout)?.[1]);

  return { status: run.status, bytes, output: `${run.stdout}${run.stderr}` };
}

/** The pages app.config.ts registers, read from its source (no Taro runtime needed). */
function registeredPages(): string[] {
  const source = fs.readFileSync(path.join(MINIPROGRAM_DIR, 'src/app.config.ts'), 'utf8');
  const list = /pages:\s*\[([^\]]*)\]/.exec(source)?.[1] ?? '';

  return [...list.matchAll(/'([^']+)'/g)].map((match) => match[1]);
}

/**
 * No WeChat runtime exists outside WeChat, so the weapp build is checked for structure: its
 * pages, its privacy setting, and WeChat's 2 MB main package limit (design.md). The build is
 * made here when dist/weapp is missing or older than the sources.
 */
describe('the weapp build', () => {
  let outputDir: string;

  beforeAll(async () => {
    outputDir = await ensureMiniprogramBuild('weapp');
  }, BUILD_TIMEOUT_MS);

  it('keeps the main package within WeChat’s 2 MB limit', () => {
    const { status, bytes, output } = checkSize(outputDir);

    console.log(output.trim());
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThanOrEqual(MAIN_PACKAGE_LIMIT);
    expect(status).toBe(0);
  });

  it('registers every page, each with its script, template, style and config', () => {
    const appJson = JSON.parse(fs.readFileSync(path.join(outputDir, 'app.json'), 'utf8'));

    expect(appJson.pages).toEqual(registeredPages());
    for (const page of appJson.pages as string[]) {
      for (const extension of ['js', 'json', 'wxml', 'wxss'])
        expect(fs.existsSync(path.join(outputDir, `${page}.${extension}`))).toBe(true);
    }
  });

  it('turns on WeChat’s privacy check, so privacy APIs wait for agreement', () => {
    const appJson = JSON.parse(fs.readFileSync(path.join(outputDir, 'app.json'), 'utf8'));

    expect(appJson.__usePrivacyCheck__).toBe(true);
  });
});

describe('the main package size check', () => {
  it('fails a build whose main package is over 2 MB', () => {
    const fake = fs.mkdtempSync(path.join(os.tmpdir(), 'weapp-too-big-'));
    try {
      fs.writeFileSync(
        path.join(fake, 'app.json'),
        JSON.stringify({ pages: ['pages/home/index'] }),
      );
      fs.writeFileSync(path.join(fake, 'vendors.js'), Buffer.alloc(MAIN_PACKAGE_LIMIT + 1));

      expect(checkSize(fake).status).toBe(1);
    } finally {
      fs.rmSync(fake, { recursive: true, force: true });
    }
  });

  it('leaves subpackages out of the main package', () => {
    const fake = fs.mkdtempSync(path.join(os.tmpdir(), 'weapp-subpackage-'));
    try {
      const appJson = { pages: ['pages/home/index'], subPackages: [{ root: 'extra', pages: [] }] };
      fs.writeFileSync(path.join(fake, 'app.json'), JSON.stringify(appJson));
      fs.mkdirSync(path.join(fake, 'extra'));
      fs.writeFileSync(path.join(fake, 'extra/big.js'), Buffer.alloc(MAIN_PACKAGE_LIMIT + 1));

      expect(checkSize(fake).status).toBe(0);
    } finally {
      fs.rmSync(fake, { recursive: true, force: true });
    }
  });
});

#!/usr/bin/env node
// Sums the size of the weapp main package (every file in dist/weapp outside a subpackage
// root) and fails above WeChat's 2 MB main package limit. Build first: npm run build:weapp.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MAIN_PACKAGE_LIMIT = 2 * 1024 * 1024;

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outputDir = path.resolve(projectRoot, process.argv[2] ?? 'dist/weapp');

function readSubpackageRoots(appJsonPath) {
  const appJson = JSON.parse(readFileSync(appJsonPath, 'utf8'));
  // WeChat accepts both spellings.
  const subpackages = [...(appJson.subPackages ?? []), ...(appJson.subpackages ?? [])];

  return subpackages.map((subpackage) => subpackage.root.replace(/^\/+|\/+$/g, ''));
}

function isInside(relativePath, root) {
  return relativePath === root || relativePath.startsWith(`${root}/`);
}

function sumFiles(dir, subpackageRoots) {
  let bytes = 0;
  let files = 0;

  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const fullPath = path.join(dir, entry.name);
    const relativePath = path.relative(outputDir, fullPath).split(path.sep).join('/');
    if (subpackageRoots.some((root) => isInside(relativePath, root))) continue;

    if (entry.isDirectory()) {
      const inner = sumFiles(fullPath, subpackageRoots);
      bytes += inner.bytes;
      files += inner.files;
    } else if (entry.isFile()) {
      bytes += statSync(fullPath).size;
      files += 1;
    }
  }

  return { bytes, files };
}

function formatSize(bytes) {
  return `${bytes} bytes (${(bytes / 1024).toFixed(1)} KiB)`;
}

const appJsonPath = path.join(outputDir, 'app.json');
let subpackageRoots;
try {
  subpackageRoots = readSubpackageRoots(appJsonPath);
} catch (error) {
  console.error(`cannot read ${appJsonPath}: ${error.message}; run npm run build:weapp first`);
  process.exit(2);
}

const { bytes, files } = sumFiles(outputDir, subpackageRoots);
const verdict = bytes > MAIN_PACKAGE_LIMIT ? 'over' : 'within';
const subpackageNote = subpackageRoots.length
  ? ` (subpackages left out: ${subpackageRoots.join(', ')})`
  : '';

console.log(
  `weapp main package: ${formatSize(bytes)} in ${files} files${subpackageNote}, ${verdict} the limit of ${formatSize(MAIN_PACKAGE_LIMIT)}`,
);

if (bytes > MAIN_PACKAGE_LIMIT) process.exit(1);

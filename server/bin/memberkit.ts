#!/usr/bin/env node
import { Command } from 'commander';
import { buildProgram } from '../src/cli/program';

const program: Command = buildProgram();
program.parseAsync(process.argv).catch((error: unknown) => {
  const code = (error as { code?: string }).code;
  console.error(`memberkit: ${code ? `${code}: ` : ''}${(error as Error).message}`);
  process.exitCode = 1;
});

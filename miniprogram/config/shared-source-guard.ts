import path from 'node:path';

import type { Compiler } from 'webpack';

const PLUGIN_NAME = 'SharedSourceGuardPlugin';

/**
 * Fails the build when anything resolves into shared/dist. Without the alias in index.ts,
 * webpack quietly follows the package's `main` to the compiled CommonJS copy, which is not
 * tree-shaken (toolchain.md: one page grew from 83 KB to 648 KB; here 93 KB to 583 KB).
 */
export class SharedSourceGuardPlugin {
  private readonly sharedDist: string;

  constructor(sharedDist: string) {
    this.sharedDist = path.resolve(sharedDist) + path.sep;
  }

  apply(compiler: Compiler) {
    compiler.hooks.normalModuleFactory.tap(PLUGIN_NAME, (factory) => {
      factory.hooks.afterResolve.tap(PLUGIN_NAME, (resolveData) => {
        const resource = resolveData.createData.resource;
        if (resource?.startsWith(this.sharedDist)) {
          throw new Error(
            `${resource} is the compiled copy of @memberkit/shared; alias the package to shared/src`,
          );
        }
      });
    });
  }
}

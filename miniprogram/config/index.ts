import path from 'node:path';

import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import type { IMiniAppConfig } from '@tarojs/taro/types/compile';

import devConfig from './dev';
import prodConfig from './prod';
import { SharedSourceGuardPlugin } from './shared-source-guard';

const sharedSource = path.resolve(__dirname, '../../shared/src');
const sharedDist = path.resolve(__dirname, '../../shared/dist');

// Taro compiles only its own src: the shared package is TypeScript source and zod ships
// ES2020+ syntax (optional chaining), so both go through babel to reach ES2015 for WeChat's
// older runtimes (toolchain.md).
const compileInclude = [sharedSource, /[\\/]node_modules[\\/]zod[\\/]/];

type WebpackChain = Parameters<NonNullable<IMiniAppConfig['webpackChain']>>[0];

function guardSharedSource(chain: WebpackChain) {
  chain.plugin('shared-source-guard').use(SharedSourceGuardPlugin, [sharedDist]);
}

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'retail-member-kit',
    designWidth: 750,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [],
    // Point at the shared source, not shared/dist: the CommonJS copy is not tree-shaken.
    alias: {
      '@memberkit/shared': sharedSource,
    },
    defineConstants: {},
    copy: {
      patterns: [],
      options: {},
    },
    framework: 'react',
    compiler: 'webpack5',
    cache: {
      enable: false,
    },
    mini: {
      compile: {
        include: compileInclude,
      },
      webpackChain: guardSharedSource,
      postcss: {
        pxtransform: {
          enable: true,
          config: {},
        },
        cssModules: {
          enable: false,
          config: {
            namingPattern: 'module',
            generateScopedName: '[name]__[local]___[hash:base64:5]',
          },
        },
      },
    },
    h5: {
      // The server serves this build under /h5/.
      publicPath: '/h5/',
      staticDirectory: 'static',
      router: {
        mode: 'hash',
      },
      compile: {
        include: compileInclude,
      },
      webpackChain: guardSharedSource,
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: {
          enable: true,
          config: {},
        },
        cssModules: {
          enable: false,
          config: {
            namingPattern: 'module',
            generateScopedName: '[name]__[local]___[hash:base64:5]',
          },
        },
      },
    },
  };

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig);
  }

  return merge({}, baseConfig, prodConfig);
});

// babel-preset-taro options: https://docs.taro.zone/docs/next/babel-config
// This is a project-wide config, so it also applies to ../shared/src and zod, which
// config/index.ts adds to compile.include.
module.exports = {
  presets: [
    [
      'taro',
      {
        framework: 'react',
        ts: true,
        compiler: 'webpack5',
      },
    ],
  ],
};

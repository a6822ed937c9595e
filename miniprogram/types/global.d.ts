/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.gif';
declare module '*.jpg';
declare module '*.jpeg';
declare module '*.svg';
declare module '*.css';
declare module '*.scss';

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production';
    /** The platform Taro builds for; this project builds weapp and h5. */
    TARO_ENV: 'weapp' | 'h5';
    /** Overrides the appid in project.config.json for a build. */
    TARO_APP_ID?: string;
  }
}

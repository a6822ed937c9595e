export * from './errors/error-catalogue';
export * from './errors/app-error';
export * from './money/parse-yuan';
export * from './identity/normalize-phone';
export * from './identity/parse-resident-id';

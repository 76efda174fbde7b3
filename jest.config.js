/** @type {import('jest').Config} */
const fs = require('node:fs');

// SWC transpiles (with decorator metadata, which Nest's DI needs) much faster than ts-jest; `npm run typecheck` checks types.
const swc = ['@swc/jest', JSON.parse(fs.readFileSync(`${__dirname}/.swcrc`, 'utf8'))];
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': swc,
    // jose 6 ships only ES modules; compile it for Jest's CommonJS runtime.
    '/node_modules/jose/.+\\.js$': swc,
  },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  setupFiles: ['<rootDir>/test/support/env.ts'],
  testTimeout: 60000,
  maxWorkers: 2,
  // Some background retry timers (relay audit retries, LISTEN reconnects) can outlive a test app by a few seconds.
  forceExit: true,
};

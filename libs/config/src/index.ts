export * from './environment-variables';
export { developmentSecretWarning } from './secret-strength.util';

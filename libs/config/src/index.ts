export * from './environment-variables';

export * from './tabular-export';
export * from './cursor-batches';

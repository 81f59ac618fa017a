export * from './demo-data';
export * from './official-calendar';
export * from './seed.service';
export * from './seed.module';
export * from './demo-ladder';

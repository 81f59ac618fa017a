import { loadEnvironment } from '@app/config';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

/** For the TypeORM CLI only: `npm run migration:generate -- libs/persistence/src/migrations/Name`. */
export default new DataSource(dataSourceOptions(loadEnvironment().DATABASE_URL));

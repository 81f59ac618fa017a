import { loadEnvironment } from '@app/config';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

/** For the TypeORM CLI only (as the owner): `npm run migration:generate -- libs/persistence/src/migrations/Name`. */
export default new DataSource(dataSourceOptions(loadEnvironment().DATABASE_OWNER_URL));

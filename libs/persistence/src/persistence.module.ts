import { EnvironmentVariables } from '@app/config';
import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions } from './data-source-options';

/** TypeORM on the one data source description; migrations are run by `npm run migration:run`, never at boot. */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<EnvironmentVariables, true>) =>
        dataSourceOptions(config.get('DATABASE_URL', { infer: true }), {
          extra: {
            max: Number(config.get('DATABASE_POOL_SIZE', { infer: true }) ?? 10),
            // a connection that cannot be had in time fails the request (503) instead of hanging it
            connectionTimeoutMillis: config.get('DATABASE_CONNECT_TIMEOUT_MS', { infer: true }),
          },
        }),
    }),
  ],
})
export class PersistenceModule {}

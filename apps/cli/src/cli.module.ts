import { validateEnvironment } from '@app/config';
import { PersistenceModule } from '@app/persistence';
import { ClockModule } from '@app/platform';
import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { SeedModule, SettableClock } from '@app/seed';
import { IdentityModule } from '@app/identity';

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, validate: validateEnvironment, ignoreEnvFile: true }),
    PersistenceModule,
    ClockModule.forRoot(SettableClock),
    SeedModule,
    IdentityModule,
  ],
})
export class CliModule {}

import { validateEnvironment } from '@app/config';
import { PersistenceModule } from '@app/persistence';
import { WorkflowModule } from '@app/workflow';
import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { SeedService, SettableClock } from '@app/seed';

@Module({
  imports: [ConfigModule.forRoot({ isGlobal: true, validate: validateEnvironment, ignoreEnvFile: true }), PersistenceModule, WorkflowModule.forRoot(SettableClock)],
  providers: [SeedService],
})
export class CliModule {}


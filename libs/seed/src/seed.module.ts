import { ContextsModule } from '@app/contexts';
import { Module } from '@nestjs/common';
import { SeedService } from './seed.service';

/** The seed service with the contexts it drives; the process provides the Clock (SettableClock in the CLI). */
@Module({
  imports: [ContextsModule],
  providers: [SeedService],
  exports: [SeedService],
})
export class SeedModule {}

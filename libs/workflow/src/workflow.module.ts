import { QueueModule } from '@app/queue';
import { DynamicModule, Module, Type } from '@nestjs/common';
import { ApplicationProjections } from './application-projections';
import { ApplicationQueries } from './application.queries';
import { Clock, SystemClock } from './clock';
import { CloseNoticeUseCase } from './close-notice.usecase';
import { CreateApplicationUseCase } from './create-application.usecase';
import { SUBSIDY_PROVIDERS } from './subsidy/subsidy.providers';
import { UpdateMaterialsUseCase } from './update-materials.usecase';
import { WorkflowEngine } from './workflow-engine.service';
import { WorkingCalendarService } from './working-calendar.service';

const PROVIDERS = [
  WorkingCalendarService,
    ApplicationProjections,
    WorkflowEngine,
    CreateApplicationUseCase,
    UpdateMaterialsUseCase,
    ApplicationQueries,
    CloseNoticeUseCase,
    ...SUBSIDY_PROVIDERS,
];

/** The workflow engine and the application use cases; needs PersistenceModule's DataSource. */
@Module({})
export class WorkflowModule {
  /** `clock` lets the seed and the tests move time; production uses the system clock. */
  static forRoot(clock: Type<Clock> = SystemClock): DynamicModule {
    return {
      module: WorkflowModule,
      global: true,
      imports: [QueueModule],
      providers: [{ provide: Clock, useClass: clock }, ...PROVIDERS],
      exports: [Clock, ...PROVIDERS],
    };
  }
}

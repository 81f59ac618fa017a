import { ProgrammesModule } from '@app/programmes';
import { Module } from '@nestjs/common';
import { TodoQueries } from './todo.queries';
import { WorkItemEntity } from './work-item.entity';
import { WorkItemsWriter } from './work-items.writer';

/** The tables of this context; PersistenceModule registers every context's list. */
export const WORKLIST_ENTITIES = [WorkItemEntity];

const PROVIDERS = [WorkItemsWriter, TodoQueries];

/**
 * Work items (待办) and the done list (已办): the writer the contexts call in their transactions, and the queries of
 * the to-do list. Needs PersistenceModule's DataSource and a Clock (ClockModule).
 */
@Module({
  imports: [ProgrammesModule],
  providers: PROVIDERS,
  exports: PROVIDERS,
})
export class WorklistModule {}

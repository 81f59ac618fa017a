export { WorkItemEntity } from './work-item.entity';
export {
  insertWorkItems,
  type NewWorkItem,
  type SubjectWork,
  type WorkChange,
  WorkItemsWriter,
} from './work-items.writer';
export { type DoneItem, type ListPage, TodoQueries, type TodoItem, audienceOf } from './todo.queries';
export { WORKLIST_ENTITIES, WorklistModule } from './worklist.module';

import { JOB_QUEUE, JobName, QueueName } from '@app/queue';

const HANDLED = new Map<QueueName, Set<JobName>>();

/** Declares which job names a processor handles, so the worker can refuse to start with a job nobody handles. */
export function HandledJobs(queue: QueueName, names: JobName[]): ClassDecorator {
  return () => {
    HANDLED.set(queue, new Set([...(HANDLED.get(queue) ?? []), ...names]));
  };
}

/** Job names that some queue receives but no processor handles. */
export function unhandledJobs(): JobName[] {
  return (Object.keys(JOB_QUEUE) as JobName[]).filter((name) => !HANDLED.get(JOB_QUEUE[name])?.has(name));
}

import {
  type DisbursementContext,
  type DisbursementState,
  type DisbursementWorkFacts,
  disbursementWorkItems,
  timeLimitsOf,
  type TimeLimits,
} from '@app/domain';
import type { TransitionEntry } from '@app/platform';
import { WorkItemsWriter } from '@app/worklist';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** The work items' subject kind of a disbursement. */
export const DISBURSEMENT_SUBJECT = 'disbursement';

interface Row {
  id: string;
  reference: string;
  title: string;
  state: DisbursementState;
  context: DisbursementContext;
  jurisdiction_path: string;
  time_limits: Partial<TimeLimits>;
}

/**
 * The disbursements' work items follow every change: the DisbursementEngine's TransitionWriter calls `follow` after
 * each write (creation, one change, many decisions at once), in its transaction.
 */
@Injectable()
export class DisbursementWorkItems {
  constructor(private readonly writer: WorkItemsWriter) {}

  async follow(
    tx: EntityManager,
    written: readonly { id: string; history: TransitionEntry; subject?: unknown }[],
  ): Promise<void> {
    const last = written[written.length - 1].history;
    const change = { at: last.at, actorId: last.actorId, event: last.event };
    // the engine hands over each row's state, context and path: when no row's new state wants an item (paying,
    // paid...), its open items are only closed, and the rest of the row (reference, title, limits) is not read
    const known = written.map((w) => w.subject as DisbursementWorkFacts | undefined);
    if (known.every((k) => k !== undefined && disbursementWorkItems(k).length === 0)) {
      const none = timeLimitsOf({});
      const subjects = written.map((w, i) => ({
        id: w.id,
        reference: '',
        title: '',
        state: known[i]!.state,
        limits: none,
        items: [],
      }));
      return this.writer.sync(tx, DISBURSEMENT_SUBJECT, subjects, change);
    }
    const rows: Row[] = await tx.query(
      `SELECT d.id, d.reference, a.title, d.state, d.context, d.jurisdiction_path, p.time_limits
         FROM disbursements d JOIN applications a ON a.id = d.application_id JOIN programmes p ON p.id = d.programme_id
        WHERE d.id = ANY($1::uuid[])`,
      [written.map((w) => w.id)],
    );
    await this.writer.sync(
      tx,
      DISBURSEMENT_SUBJECT,
      rows.map((r) => ({
        id: r.id,
        reference: r.reference,
        title: r.title,
        state: r.state,
        limits: timeLimitsOf(r.time_limits),
        items: disbursementWorkItems({ state: r.state, context: r.context, jurisdictionPath: r.jurisdiction_path }),
      })),
      change,
    );
  }
}

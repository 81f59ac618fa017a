import {
  type AccreditationSnapshot,
  applicationWorkItems,
  type PilotRankingStanding,
  preReviewPathOf,
  timeLimitsOf,
  type TimeLimits,
} from '@app/domain';
import type { TransitionEntry } from '@app/platform';
import { WorkItemsWriter } from '@app/worklist';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { pilotRankingSql } from './pilot-ranking.entity';

/** The work items' subject kind of an application. */
export const APPLICATION_SUBJECT = 'application';

/** What the items of one application are made from: the row as written, with its programme's facts. */
export interface ApplicationWorkSubject {
  id: string;
  reference: string;
  title: string;
  state: string;
  snapshot: AccreditationSnapshot;
  organisation_id: string;
  jurisdiction_path: string;
  programme_path: string;
  time_limits: Partial<TimeLimits>;
  unit_kind: string;
  level: string;
  /** a national pilot application's standing with its province's ranked list (read back: the engine hands none over) */
  pilot_ranking?: PilotRankingStanding | null;
}

/**
 * The applications' work items follow every change: the engine's TransitionWriter calls `follow` after each write,
 * in its transaction, and the items are made what applicationWorkItems (libs/domain) says the rows now want. The due
 * dates use the time limits of the programme version the application runs under.
 */
@Injectable()
export class ApplicationWorkItems {
  constructor(private readonly writer: WorkItemsWriter) {}

  async follow(
    tx: EntityManager,
    written: readonly { id: string; history: TransitionEntry; subject?: unknown }[],
  ): Promise<void> {
    // the engine hands over the row it has just written (with its programme's facts); other writes read it back
    const rows = written.every((w) => w.subject !== undefined)
      ? written.map((w) => w.subject as ApplicationWorkSubject)
      : await this.read(
          tx,
          written.map((w) => w.id),
        );
    const last = written[written.length - 1].history;
    await this.writer.sync(
      tx,
      APPLICATION_SUBJECT,
      rows.map((r) => ({
        id: r.id,
        reference: r.reference,
        title: r.title,
        state: r.state,
        limits: timeLimitsOf(r.time_limits),
        items: applicationWorkItems({
          snapshot: r.snapshot,
          organisationId: r.organisation_id,
          jurisdictionPath: r.jurisdiction_path,
          programmeJurisdictionPath: r.programme_path,
          preReviewPath: preReviewPathOf(r.unit_kind, r.level, r.jurisdiction_path),
          pilotRanking: r.pilot_ranking ?? null,
        }),
      })),
      { at: last.at, actorId: last.actorId, event: last.event },
    );
  }

  private read(tx: EntityManager, ids: string[]): Promise<ApplicationWorkSubject[]> {
    return tx.query(
      `SELECT a.id, a.reference, a.title, a.state, a.snapshot, a.organisation_id, a.jurisdiction_path,
              j.path AS programme_path, COALESCE(pv.rules -> 'timeLimits', p.time_limits) AS time_limits, p.unit_kind, p.level,
              CASE WHEN p.unit_kind = 'pilot_region' AND p.level = 'national' THEN ${pilotRankingSql('a')} END AS pilot_ranking
         FROM applications a JOIN programmes p ON p.id = a.programme_id JOIN jurisdictions j ON j.code = p.jurisdiction_code
         LEFT JOIN programme_versions pv ON pv.programme_id = a.programme_id AND pv.version = a.programme_version
        WHERE a.id = ANY($1::uuid[])`,
      [ids],
    );
  }
}

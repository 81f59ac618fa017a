import {
  DomainError,
  DomainErrorCode,
  isWithin,
  type Principal,
  RequestEvent,
  RequestSource,
  RequestState,
  requestTransition,
  Role,
} from '@app/domain';
import { NotificationKind, NotificationWriter } from '@app/notifications';
import { Clock, cursorBatches, pageOf, type Page } from '@app/platform';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { EnterpriseRequestEventEntity } from './enterprise-request-event.entity';
import { EnterpriseRequestEntity } from './enterprise-request.entity';
import { bureauPath, jurisdictionWithin } from './report-scope';

export interface RecordRequestInput {
  title: string;
  content: string;
  /** staff only: the enterprise's organisation, when it has an account */
  organisationId?: string;
  /** staff only: the enterprise's name, when it has no account */
  enterpriseName?: string;
  /** staff only: where the enterprise is (its organisation's jurisdiction when one is named) */
  jurisdictionCode?: string;
}

/** One row of the requests ledger export. */
export interface RequestExportRow {
  created_at: Date;
  enterprise_name: string;
  jurisdiction_code: string;
  title: string;
  content: string;
  state: string;
  answer: string | null;
  feedback: string | null;
  is_lead: boolean;
  closed_at: Date | null;
}

export interface RequestFilter {
  state?: RequestState;
  lead?: boolean;
  page: number;
  pageSize: number;
}

type Change =
  | { event: RequestEvent.Assign; assigneeId: string }
  | { event: RequestEvent.Answer; answer: string }
  | { event: RequestEvent.Close; feedback: string }
  | { event: RequestEvent.FlagLead | RequestEvent.UnflagLead; note?: string };

/** The enterprise's page of its requests in the console. */
const MY_REQUESTS_LINK = '/my-requests';

/**
 * The enterprise request ledger (诉求台账): an enterprise submits its own requests (or staff record one for it), a
 * regulator of its jurisdiction or above assigns, answers and closes them with feedback the enterprise reads, and
 * flags the ones that become enforcement leads (线索). Every change is version-checked and leaves a history row; an
 * answer or a closing is told to the enterprise's users (in-app, and e-mail per their preferences) in the same
 * transaction.
 */
@Injectable()
export class RequestLedgerUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly notifications: NotificationWriter,
  ) {}

  async record(p: Principal, input: RecordRequestInput): Promise<EnterpriseRequestEntity> {
    return this.db.transaction(async (tx) => {
      let organisationId: string | null = null;
      let enterpriseName: string;
      let jurisdictionCode: string;
      let source: RequestSource;
      if (p.role === Role.Applicant) {
        if (!p.organisationId)
          throw new DomainError(DomainErrorCode.Forbidden, 'your account belongs to no organisation');
        const org = await this.organisation(tx, p.organisationId, 'organisationId');
        organisationId = org.id;
        enterpriseName = org.name;
        jurisdictionCode = org.jurisdiction_code;
        source = RequestSource.Enterprise;
      } else {
        bureauPath(p);
        source = RequestSource.Staff;
        if (input.organisationId) {
          const org = await this.organisation(tx, input.organisationId, 'organisationId');
          organisationId = org.id;
          enterpriseName = org.name;
          jurisdictionCode = org.jurisdiction_code;
        } else {
          if (!input.enterpriseName || !input.jurisdictionCode)
            throw new DomainError(
              DomainErrorCode.ValidationFailed,
              'name the enterprise: organisationId, or enterpriseName with jurisdictionCode',
              { fields: ['organisationId', 'enterpriseName', 'jurisdictionCode'] },
            );
          enterpriseName = input.enterpriseName;
          jurisdictionCode = input.jurisdictionCode;
        }
      }
      const j =
        p.role === Role.Applicant
          ? (await tx.query(`SELECT code, path FROM jurisdictions WHERE code = $1`, [jurisdictionCode]))[0]
          : await jurisdictionWithin(
              tx,
              p,
              jurisdictionCode,
              input.organisationId ? 'organisationId' : 'jurisdictionCode',
            );
      const saved = await tx.getRepository(EnterpriseRequestEntity).save({
        organisationId,
        enterpriseName,
        jurisdictionCode: j.code,
        jurisdictionPath: j.path,
        source,
        title: input.title,
        content: input.content,
        state: RequestState.Received,
        createdBy: p.id!,
        createdAt: this.clock.now(),
        version: 1,
      });
      await this.history(tx, p, saved.id, RequestEvent.Record, null, RequestState.Received, null);
      return saved;
    });
  }

  async get(
    p: Principal,
    id: string,
  ): Promise<{ request: EnterpriseRequestEntity; events: EnterpriseRequestEventEntity[] }> {
    const request = await this.visible(this.db.manager, p, id);
    const events = await this.db
      .getRepository(EnterpriseRequestEventEntity)
      .find({ where: { requestId: id }, order: { at: 'ASC', id: 'ASC' } });
    return { request, events };
  }

  /** A bureau's requests (its subtree) or an enterprise's own, newest first. */
  async list(p: Principal, f: RequestFilter): Promise<Page<EnterpriseRequestEntity>> {
    return pageOf(this.query(p, f), f.page, f.pageSize);
  }

  /** The same list as `list`, whole, for an export: a cursor's batches, in the list's order. */
  exportRows(p: Principal, f: Omit<RequestFilter, 'page' | 'pageSize'>): AsyncIterable<readonly RequestExportRow[]> {
    const [sql, params] = this.query(p, f)
      .select([
        'r.created_at AS created_at',
        'r.enterprise_name AS enterprise_name',
        'r.jurisdiction_code AS jurisdiction_code',
        'r.title AS title',
        'r.content AS content',
        'r.state AS state',
        'r.answer AS answer',
        'r.feedback AS feedback',
        'r.is_lead AS is_lead',
        'r.closed_at AS closed_at',
      ])
      .getQueryAndParameters();
    return cursorBatches<RequestExportRow>(this.db, sql, params);
  }

  async change(p: Principal, id: string, version: number, change: Change): Promise<EnterpriseRequestEntity> {
    bureauPath(p);
    return this.db.transaction(async (tx) => {
      const current = await this.visible(tx, p, id);
      const to = requestTransition(current.state, change.event);
      const now = this.clock.now();
      const set: Partial<Record<keyof EnterpriseRequestEntity, unknown>> = { state: to };
      let note: string | null = null;
      switch (change.event) {
        case RequestEvent.Assign: {
          const [assignee] = await tx.query(
            `SELECT u.id, u.display_name, j.path FROM users u JOIN jurisdictions j ON j.code = u.jurisdiction_code
              WHERE u.id = $1 AND u.role = $2 AND u.active`,
            [change.assigneeId, Role.Regulator],
          );
          // the assignee handles requests of their own subtree (a city's request may go up to the province, not sideways)
          if (
            !assignee ||
            !isWithin(current.jurisdictionPath, assignee.path) ||
            !isWithin(assignee.path, bureauPath(p))
          )
            throw new DomainError(
              DomainErrorCode.ValidationFailed,
              'assigneeId: name a regulator of the request’s jurisdiction or above, inside yours',
              { fields: ['assigneeId'] },
            );
          set.assigneeId = assignee.id;
          note = assignee.display_name;
          break;
        }
        case RequestEvent.Answer:
          set.answer = change.answer;
          set.answeredAt = now;
          note = change.answer;
          break;
        case RequestEvent.Close:
          set.feedback = change.feedback;
          set.closedAt = now;
          note = change.feedback;
          break;
        case RequestEvent.FlagLead:
          set.isLead = true;
          set.leadNote = change.note ?? null;
          note = change.note ?? null;
          break;
        case RequestEvent.UnflagLead:
          set.isLead = false;
          note = change.note ?? null;
          break;
      }
      const result = await tx
        .createQueryBuilder()
        .update(EnterpriseRequestEntity)
        .set({ ...set, version: () => 'version + 1' } as object)
        .where('id = :id AND version = :version', { id, version })
        .execute();
      if (result.affected !== 1)
        throw new DomainError(DomainErrorCode.VersionConflict, `the request changed since version ${version}`, {
          currentVersion: current.version,
        });
      await this.history(tx, p, id, change.event, current.state, to, note);
      const saved = await tx.getRepository(EnterpriseRequestEntity).findOneByOrFail({ id });
      if (saved.organisationId && (change.event === RequestEvent.Answer || change.event === RequestEvent.Close))
        await this.notifications.write(tx, {
          eventKey: `request:${id}:${saved.version}`,
          subjectType: 'request',
          subjectId: id,
          link: MY_REQUESTS_LINK,
          actorId: p.id,
          rules: [
            {
              kind: NotificationKind.RequestFeedback,
              audience: { type: 'organisation', organisationId: saved.organisationId },
            },
          ],
          // the enterprise's own request and the feedback it reads: never the bureau's answer (staff only) nor who
          // handled it inside the bureau
          data: {
            reference: '',
            title: saved.title,
            event: change.event,
            reason: change.event === RequestEvent.Close ? saved.feedback : null,
            filedAt: saved.createdAt,
          },
        });
      return saved;
    });
  }

  private query(p: Principal, f: Omit<RequestFilter, 'page' | 'pageSize'>) {
    const qb = this.db.getRepository(EnterpriseRequestEntity).createQueryBuilder('r');
    if (p.role === Role.Applicant) {
      qb.where('r.organisation_id = :org', { org: p.organisationId ?? '00000000-0000-0000-0000-000000000000' });
    } else {
      qb.where('r.jurisdiction_path LIKE :root', { root: `${bureauPath(p)}%` });
      if (f.lead !== undefined) qb.andWhere('r.is_lead = :lead', { lead: f.lead });
    }
    if (f.state) qb.andWhere('r.state = :state', { state: f.state });
    return qb.orderBy('r.created_at', 'DESC').addOrderBy('r.id', 'DESC');
  }

  /** The request, when the caller may see it: its enterprise, or a bureau at or above it (404 otherwise). */
  private async visible(tx: EntityManager, p: Principal, id: string): Promise<EnterpriseRequestEntity> {
    const row = await tx.getRepository(EnterpriseRequestEntity).findOneBy({ id });
    const sees =
      row !== null &&
      (p.role === Role.Applicant
        ? p.organisationId !== null && row.organisationId === p.organisationId
        : (p.role === Role.Regulator || p.role === Role.Admin) &&
          p.jurisdictionPath !== null &&
          isWithin(row.jurisdictionPath, p.jurisdictionPath));
    if (!sees) throw new DomainError(DomainErrorCode.NotFound, `no request ${id}`);
    return row!;
  }

  private async organisation(tx: EntityManager, id: string, field: string) {
    const [org] = await tx.query(`SELECT id, name, jurisdiction_code FROM organisations WHERE id = $1`, [id]);
    if (!org)
      throw new DomainError(DomainErrorCode.ValidationFailed, `${field}: no organisation ${id}`, { fields: [field] });
    return org as { id: string; name: string; jurisdiction_code: string };
  }

  private async history(
    tx: EntityManager,
    p: Principal,
    requestId: string,
    event: RequestEvent,
    from: RequestState | null,
    to: RequestState,
    note: string | null,
  ): Promise<void> {
    await tx.getRepository(EnterpriseRequestEventEntity).insert({
      requestId,
      event,
      fromState: from,
      toState: to,
      actorId: p.id!,
      actorRole: p.role,
      note,
      at: this.clock.now(),
    });
  }
}

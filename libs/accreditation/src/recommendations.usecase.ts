import {
  AccreditationState,
  addCandidateProblem,
  CandidateListState,
  candidateProblem,
  candidateRuleText,
  chinaDate,
  DomainError,
  DomainErrorCode,
  isWithin,
  type Principal,
  ProgrammeIntake,
  Role,
  submitListProblem,
} from '@app/domain';
import { Clock } from '@app/platform';
import { JurisdictionEntity, ProgrammeEntity } from '@app/programmes';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { DataSource, EntityManager } from 'typeorm';
import { ApplicationEntity } from './application.entity';
import { CandidateListEntity } from './candidate-list.entity';
import { MaterialFileEntity } from './material-file.entity';
import { type CandidateStatus, RecommendationCandidateEntity } from './recommendation-candidate.entity';
import { WorkflowEngine } from './workflow-engine.service';

/** The history event on a lower designation when its bureau's list is submitted ("recommended to …"). */
export const RECOMMENDED_UPWARD = 'RECOMMENDED_UPWARD';

/** A candidate as both levels read it. */
export interface CandidateRecord {
  id: string;
  status: CandidateStatus;
  applicationId: string;
  reference: string;
  title: string;
  organisationId: string;
  organisationName: string;
  jurisdictionCode: string;
  level: string;
  state: AccreditationState;
  validUntil: string | null;
  addedAt: Date;
  withdrawnAt: Date | null;
  withdrawReason: string | null;
  upperApplicationId: string | null;
  upperReference: string | null;
}

/** A recommending bureau's list for one programme. */
export interface CandidateListRecord {
  id: string | null;
  programmeId: string;
  bureauCode: string;
  bureauName: string;
  state: CandidateListState;
  submittedAt: Date | null;
  submittedBy: string | null;
  minCandidates: number | null;
  maxCandidates: number | null;
  candidates: CandidateRecord[];
}

/**
 * Recommendation upward (推荐): a regulator puts designations of their subtree on their bureau's list for a
 * programme of the level above, within the programme's maximum per bureau (the list row is locked while counting),
 * withdraws them while the list is a draft, and submits the list as a whole once it holds the minimum. Submission
 * opens one linked application per candidate in the upper programme (its CREATE history row says "recommended by"
 * and carries the materials) and records RECOMMENDED_UPWARD on each lower designation, all in one transaction.
 */
@Injectable()
export class RecommendationsUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly engine: WorkflowEngine,
    private readonly clock: Clock,
  ) {}

  async add(p: Principal, programmeId: string, applicationId: string): Promise<CandidateListRecord> {
    const bureau = bureauOf(p);
    await this.db.transaction(async (tx) => {
      const programme = await programmeOf(tx, programmeId);
      const programmePath = await pathOf(tx, programme.jurisdictionCode);
      const candidate = await tx.getRepository(ApplicationEntity).findOneBy({ id: applicationId });
      // a designation outside the caller's subtree is one they may not know of
      if (!candidate || !isWithin(candidate.jurisdictionPath, bureau.path)) {
        throw new DomainError(
          DomainErrorCode.ValidationFailed,
          `applicationId: no designation ${applicationId} in your jurisdiction`,
          {
            fields: ['applicationId'],
          },
        );
      }
      const rule = candidateProblem(
        candidate,
        { intake: programme.intake, unitKind: programme.unitKind, level: programme.level, path: programmePath },
        bureau.path,
        chinaDate(this.clock.now()),
      );
      if (rule) {
        const subject =
          rule === 'programme_intake' || rule === 'bureau_below_programme' ? '' : `${candidate.reference} `;
        throw new DomainError(DomainErrorCode.NotEligible, `${subject}${candidateRuleText(rule)}`, {
          rule,
          fields: ['applicationId'],
        });
      }
      const list = await lockedList(tx, programme.id, bureau, this.clock.now());
      if (list.state !== CandidateListState.Draft) {
        throw new DomainError(
          DomainErrorCode.GuardFailed,
          `your list for ${programme.code} was submitted on ${list.submittedAt!.toISOString()}`,
          {
            reasons: ['the list was submitted'],
          },
        );
      }
      const listed = await tx
        .getRepository(RecommendationCandidateEntity)
        .countBy({ listId: list.id, status: 'listed' });
      const full = addCandidateProblem(listed, programme.maxCandidates);
      if (full)
        throw new DomainError(DomainErrorCode.CandidateLimit, full, { listed, maxCandidates: programme.maxCandidates });
      const live = await tx.query(
        `SELECT c.id, l.bureau_code FROM recommendation_candidates c JOIN candidate_lists l ON l.id = c.list_id
          WHERE c.programme_id = $1 AND c.application_id = $2 AND c.status <> 'withdrawn'`,
        [programme.id, candidate.id],
      );
      if (live.length > 0) {
        throw new DomainError(
          DomainErrorCode.AlreadyExists,
          `${candidate.reference} is already a candidate of ${programme.code}`,
          {
            candidateId: live[0].id,
          },
        );
      }
      const open = await tx.query(
        `SELECT reference FROM applications
          WHERE programme_id = $1 AND organisation_id = $2 AND state NOT IN ('rejected', 'withdrawn', 'revoked', 'lapsed', 'expired') LIMIT 1`,
        [programme.id, candidate.organisationId],
      );
      if (open.length > 0) {
        throw new DomainError(
          DomainErrorCode.AlreadyExists,
          `the unit already has application ${open[0].reference} in ${programme.code}`,
          {
            reference: open[0].reference,
          },
        );
      }
      await tx.insert(RecommendationCandidateEntity, {
        listId: list.id,
        programmeId: programme.id,
        applicationId: candidate.id,
        status: 'listed',
        addedBy: p.id!,
        addedAt: this.clock.now(),
      });
    });
    return this.ownList(p, programmeId);
  }

  async withdraw(
    p: Principal,
    programmeId: string,
    candidateId: string,
    reason?: string,
  ): Promise<CandidateListRecord> {
    const bureau = bureauOf(p);
    await this.db.transaction(async (tx) => {
      const list = await tx
        .getRepository(CandidateListEntity)
        .createQueryBuilder('l')
        .setLock('pessimistic_write')
        .where('l.programme_id = :programmeId AND l.bureau_code = :code', { programmeId, code: bureau.code })
        .getOne();
      const candidate = list
        ? await tx.getRepository(RecommendationCandidateEntity).findOneBy({ id: candidateId, listId: list.id })
        : null;
      if (!list || !candidate)
        throw new DomainError(DomainErrorCode.NotFound, `candidate ${candidateId} is not on your list`);
      if (list.state !== CandidateListState.Draft || candidate.status !== 'listed') {
        throw new DomainError(
          DomainErrorCode.GuardFailed,
          `candidate ${candidateId} is ${candidate.status}: only a listed candidate of a draft list is withdrawn`,
          {
            reasons: [
              list.state === CandidateListState.Draft
                ? `the candidate is ${candidate.status}`
                : 'the list was submitted',
            ],
          },
        );
      }
      await tx.update(
        RecommendationCandidateEntity,
        { id: candidate.id, status: 'listed' },
        {
          status: 'withdrawn',
          withdrawnBy: p.id,
          withdrawnAt: this.clock.now(),
          withdrawReason: reason?.trim() || null,
        },
      );
    });
    return this.ownList(p, programmeId);
  }

  async submit(p: Principal, programmeId: string): Promise<CandidateListRecord> {
    const bureau = bureauOf(p);
    await this.db.transaction(async (tx) => {
      const programme = await programmeOf(tx, programmeId, true);
      const list = await tx
        .getRepository(CandidateListEntity)
        .createQueryBuilder('l')
        .setLock('pessimistic_write')
        .where('l.programme_id = :programmeId AND l.bureau_code = :code', { programmeId, code: bureau.code })
        .getOne();
      if (list && list.state !== CandidateListState.Draft) {
        throw new DomainError(DomainErrorCode.GuardFailed, `your list for ${programme.code} was already submitted`, {
          reasons: ['the list was submitted'],
        });
      }
      const candidates = list
        ? await tx.getRepository(RecommendationCandidateEntity).find({
            where: { listId: list.id, status: 'listed' },
            order: { addedAt: 'ASC', id: 'ASC' },
          })
        : [];
      const short = submitListProblem(candidates.length, programme.minCandidates, programme.maxCandidates);
      if (short) {
        throw new DomainError(DomainErrorCode.CandidateLimit, short, {
          listed: candidates.length,
          minCandidates: programme.minCandidates,
          maxCandidates: programme.maxCandidates,
        });
      }
      const now = this.clock.now();
      const today = chinaDate(now);
      const programmePath = await pathOf(tx, programme.jurisdictionCode);
      for (const c of candidates) {
        const lower = await tx.getRepository(ApplicationEntity).findOneByOrFail({ id: c.applicationId });
        // still designated and valid today: a title revoked or expired since it was listed is not sent up
        const rule = candidateProblem(
          lower,
          { intake: programme.intake, unitKind: programme.unitKind, level: programme.level, path: programmePath },
          bureau.path,
          today,
        );
        if (rule) {
          throw new DomainError(
            DomainErrorCode.NotEligible,
            `${lower.reference} ${candidateRuleText(rule)}: withdraw it from the list first`,
            {
              rule,
              candidateId: c.id,
            },
          );
        }
        const upper = await this.openUpper(tx, p, programme, lower, bureau.code);
        await tx.update(
          RecommendationCandidateEntity,
          { id: c.id },
          { status: 'recommended', upperApplicationId: upper.id },
        );
        await this.engine.note(tx, lower.id, p, RECOMMENDED_UPWARD, {
          recommendedTo: {
            applicationId: upper.id,
            reference: upper.reference,
            programmeId: programme.id,
            programmeCode: programme.code,
            level: programme.level,
            jurisdictionCode: programme.jurisdictionCode,
          },
        });
      }
      await tx.update(
        CandidateListEntity,
        { id: list!.id },
        { state: CandidateListState.Submitted, submittedBy: p.id, submittedAt: now },
      );
    });
    return this.ownList(p, programmeId);
  }

  /**
   * The upper application of one candidate: the same unit, linked to the designation, with the lower application's
   * materials that the upper programme's checklist asks for, each with its current file (the latest version) carried
   * as a file row of the upper application naming the same stored blob (same SHA-256, size and type; `carried_from_id`
   * the lower row; the CREATE history lists them), so what the checklists share need not be uploaded again. Materials
   * the upper checklist does not have are neither listed nor carried: the upper level asks for what it needs.
   */
  private async openUpper(
    tx: EntityManager,
    p: Principal,
    programme: ProgrammeEntity,
    lower: ApplicationEntity,
    bureauCode: string,
  ): Promise<ApplicationEntity> {
    programme.applicationSeq += 1;
    await tx.update(ProgrammeEntity, { id: programme.id }, { applicationSeq: programme.applicationSeq });
    const checklist = new Set(programme.requiredMaterials);
    const current = (await currentFiles(tx, lower.id)).filter((f) => checklist.has(f.materialCode));
    const carried = current.map((f) => ({ from: f, id: randomUUID() }));
    const materials = lower.materials
      .filter((m) => checklist.has(m.key))
      .map((m) => {
        const file = carried.find((c) => c.from.materialCode === m.key);
        return file ? { ...m, reference: `file:${file.id}` } : m;
      });
    const { application } = await this.engine.create(
      tx,
      p,
      {
        reference: `${programme.code}-${String(programme.applicationSeq).padStart(6, '0')}`,
        programmeId: programme.id,
        organisationId: lower.organisationId,
        jurisdictionCode: lower.jurisdictionCode,
        jurisdictionPath: lower.jurisdictionPath,
        unitKind: programme.unitKind,
        level: programme.level,
        title: lower.title,
        materials,
        recommendedFromId: lower.id,
        stationIds: [],
        programmeVersion: programme.rulesVersion,
      },
      {
        rules: {
          rubric: programme.rubric,
          panelSize: programme.panelSize,
          requiredMaterials: programme.requiredMaterials,
          recheckBySecondRegulator: programme.recheckBySecondRegulator,
        },
      },
      {
        machineVersion: programme.machineVersion,
        facts: {
          recommendedBy: { applicationId: lower.id, reference: lower.reference, level: lower.level, bureauCode },
          carriedFiles: carried.map((c) => ({
            materialCode: c.from.materialCode,
            fileId: c.id,
            fromFileId: c.from.id,
            fromVersion: c.from.version,
            sha256: c.from.sha256,
          })),
        },
      },
    );
    const now = this.clock.now();
    if (carried.length > 0)
      await tx.insert(
        MaterialFileEntity,
        carried.map(({ from, id }) => ({
          id,
          applicationId: application.id,
          materialCode: from.materialCode,
          version: 1,
          storageKey: from.storageKey,
          fileName: from.fileName,
          kind: from.kind,
          mediaType: from.mediaType,
          sizeBytes: from.sizeBytes,
          sha256: from.sha256,
          uploadedBy: from.uploadedBy,
          organisationId: from.organisationId,
          uploadedAt: now,
          carriedFromId: from.id,
        })),
      );
    return application;
  }

  /** The caller's own bureau's list for the programme (empty draft when there is none yet). */
  async ownList(p: Principal, programmeId: string): Promise<CandidateListRecord> {
    const bureau = bureauOf(p);
    const programme = await programmeOf(this.db.manager, programmeId);
    const [list] = await this.readLists(programme, 'l.bureau_code = $2', [bureau.code]);
    return (
      list ?? {
        id: null,
        programmeId,
        bureauCode: bureau.code,
        bureauName: (await this.db.getRepository(JurisdictionEntity).findOneByOrFail({ code: bureau.code })).name,
        state: CandidateListState.Draft,
        submittedAt: null,
        submittedBy: null,
        minCandidates: programme.minCandidates,
        maxCandidates: programme.maxCandidates,
        candidates: [],
      }
    );
  }

  /**
   * Every list of the programme the caller may read: the programme's own regulators (its jurisdiction or above) read
   * all of them, a recommending bureau its own and those below it.
   */
  async lists(p: Principal, programmeId: string): Promise<CandidateListRecord[]> {
    const bureau = bureauOf(p);
    const programme = await programmeOf(this.db.manager, programmeId);
    const programmePath = await pathOf(this.db.manager, programme.jurisdictionCode);
    if (isWithin(programmePath, bureau.path)) return this.readLists(programme, 'TRUE', []);
    return this.readLists(programme, `starts_with(l.bureau_path, $2)`, [bureau.path]);
  }

  private async readLists(
    programme: ProgrammeEntity,
    where: string,
    params: unknown[],
  ): Promise<CandidateListRecord[]> {
    const lists: (CandidateListEntity & { bureauName: string })[] = await this.db.query(
      `SELECT l.id, l.programme_id AS "programmeId", l.bureau_code AS "bureauCode", j.name AS "bureauName", l.state,
              l.submitted_at AS "submittedAt", l.submitted_by AS "submittedBy"
         FROM candidate_lists l JOIN jurisdictions j ON j.code = l.bureau_code
        WHERE l.programme_id = $1 AND ${where}
        ORDER BY l.bureau_code`,
      [programme.id, ...params],
    );
    if (lists.length === 0) return [];
    const candidates: (CandidateRecord & { listId: string })[] = await this.db.query(
      `SELECT c.id, c.list_id AS "listId", c.status, c.application_id AS "applicationId", a.reference, a.title,
              a.organisation_id AS "organisationId", o.name AS "organisationName", a.jurisdiction_code AS "jurisdictionCode",
              a.level, a.state, to_char(a.valid_until, 'YYYY-MM-DD') AS "validUntil", c.added_at AS "addedAt",
              c.withdrawn_at AS "withdrawnAt", c.withdraw_reason AS "withdrawReason",
              c.upper_application_id AS "upperApplicationId", u.reference AS "upperReference"
         FROM recommendation_candidates c
         JOIN applications a ON a.id = c.application_id
         JOIN organisations o ON o.id = a.organisation_id
         LEFT JOIN applications u ON u.id = c.upper_application_id
        WHERE c.list_id = ANY($1::uuid[])
        ORDER BY c.added_at, c.id`,
      [lists.map((l) => l.id)],
    );
    return lists.map((l) => ({
      ...l,
      minCandidates: programme.minCandidates,
      maxCandidates: programme.maxCandidates,
      candidates: candidates.filter((c) => c.listId === l.id).map(({ listId: _, ...c }) => c),
    }));
  }
}

function bureauOf(p: Principal): { code: string; path: string } {
  if (p.role !== Role.Regulator || !p.jurisdictionCode || !p.jurisdictionPath) {
    throw new DomainError(DomainErrorCode.Forbidden, 'only a regulator bound to a jurisdiction recommends candidates');
  }
  return { code: p.jurisdictionCode, path: p.jurisdictionPath };
}

/** The latest version of each material's file of an application. */
function currentFiles(tx: EntityManager, applicationId: string): Promise<MaterialFileEntity[]> {
  return tx
    .getRepository(MaterialFileEntity)
    .createQueryBuilder('f')
    .distinctOn(['f.material_code'])
    .where('f.application_id = :applicationId', { applicationId })
    .orderBy('f.material_code')
    .addOrderBy('f.version', 'DESC')
    .getMany();
}

async function programmeOf(tx: EntityManager, id: string, lock = false): Promise<ProgrammeEntity> {
  const qb = tx.getRepository(ProgrammeEntity).createQueryBuilder('p').where('p.id = :id', { id });
  if (lock) qb.setLock('pessimistic_write');
  const programme = await qb.getOne();
  if (!programme) throw new DomainError(DomainErrorCode.NotFound, `programme ${id} not found`);
  if (programme.intake !== ProgrammeIntake.Recommendation) {
    throw new DomainError(
      DomainErrorCode.NotEligible,
      `${programme.code} takes open applications, not recommendations`,
      {
        rule: 'programme_intake',
      },
    );
  }
  return programme;
}

async function pathOf(tx: EntityManager, code: string): Promise<string> {
  return (await tx.getRepository(JurisdictionEntity).findOneByOrFail({ code })).path;
}

/** The bureau's list, created as a draft the first time, locked for the rest of the transaction. */
async function lockedList(
  tx: EntityManager,
  programmeId: string,
  bureau: { code: string; path: string },
  now: Date,
): Promise<CandidateListEntity> {
  await tx
    .createQueryBuilder()
    .insert()
    .into(CandidateListEntity)
    .values({
      programmeId,
      bureauCode: bureau.code,
      bureauPath: bureau.path,
      state: CandidateListState.Draft,
      createdAt: now,
    })
    .orIgnore()
    .execute();
  return tx
    .getRepository(CandidateListEntity)
    .createQueryBuilder('l')
    .setLock('pessimistic_write')
    .where('l.programme_id = :programmeId AND l.bureau_code = :code', { programmeId, code: bureau.code })
    .getOneOrFail();
}

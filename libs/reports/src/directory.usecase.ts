import {
  chinaDate,
  DomainError,
  DomainErrorCode,
  JurisdictionLevel,
  periodByKey,
  type Principal,
  ReportCadence,
  RiskTier,
  Role,
  usccProblem,
} from '@app/domain';
import { EnvironmentVariables } from '@app/config';
import { Clock } from '@app/platform';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource, EntityManager } from 'typeorm';
import { DirectoryEntryEntity } from './directory-entry.entity';
import { DirectoryReportEntity, ReportedEntry } from './directory-report.entity';

/** What a city records of an enterprise. */
export interface DirectoryEntryInput {
  name: string;
  creditCode: string;
  industry: string;
  needs: string;
  riskTier: RiskTier;
  assessedOn: string;
  assessmentBasis: string;
  contactName: string;
  contactPhone: string;
}

/**
 * The cities keep their directory (名录库) and report it to the province per period. Only a regulator of a city
 * bureau writes, and only its own city's part: the province reads the aggregate (DirectoryQueries).
 */
@Injectable()
export class DirectoryUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {}

  async create(p: Principal, input: DirectoryEntryInput): Promise<DirectoryEntryEntity> {
    const city = await this.cityOf(p);
    this.check(input);
    return this.db.transaction(async (tx) => {
      await this.assertNotListed(tx, input.creditCode, null);
      const saved = await tx.getRepository(DirectoryEntryEntity).save({
        ...input,
        jurisdictionCode: city.code,
        jurisdictionPath: city.path,
        organisationId: await this.organisationOf(tx, input.creditCode),
        createdBy: p.id!,
        updatedBy: p.id!,
      });
      return tx.getRepository(DirectoryEntryEntity).findOneByOrFail({ id: saved.id });
    });
  }

  /** Changes an entry read at `version` (409 VERSION_CONFLICT with the current version otherwise). */
  async update(
    p: Principal,
    id: string,
    version: number | null,
    input: DirectoryEntryInput,
  ): Promise<DirectoryEntryEntity> {
    const city = await this.cityOf(p);
    if (version === null)
      throw new DomainError(DomainErrorCode.VersionRequired, 'send the version you last read (version or If-Match)');
    this.check(input);
    return this.db.transaction(async (tx) => {
      const current = await tx.getRepository(DirectoryEntryEntity).findOneBy({ id });
      if (!current || current.jurisdictionCode !== city.code)
        throw new DomainError(DomainErrorCode.NotFound, `directory entry ${id} not found in your city's directory`);
      await this.assertNotListed(tx, input.creditCode, id);
      const [, affected]: [unknown, number] = await tx.query(
        `UPDATE directory_entries SET name = $3, credit_code = $4, organisation_id = $5, industry = $6, needs = $7,
                risk_tier = $8, assessed_on = $9, assessment_basis = $10, contact_name = $11, contact_phone = $12,
                updated_by = $13, updated_at = now(), version = version + 1
          WHERE id = $1 AND version = $2`,
        [
          id,
          version,
          input.name,
          input.creditCode,
          await this.organisationOf(tx, input.creditCode),
          input.industry,
          input.needs,
          input.riskTier,
          input.assessedOn,
          input.assessmentBasis,
          input.contactName,
          input.contactPhone,
          p.id,
        ],
      );
      if (affected !== 1)
        throw new DomainError(DomainErrorCode.VersionConflict, `directory entry ${id} has changed since you read it`, {
          currentVersion: current.version,
        });
      return tx.getRepository(DirectoryEntryEntity).findOneByOrFail({ id });
    });
  }

  /**
   * The city reports its directory for a period (once): the entries it holds now are kept with the report, so the
   * province sees what it received. A period not yet begun is refused (400 naming `period`), a second report of the
   * same period too (409).
   */
  async submit(p: Principal, periodKey: string, note: string | null): Promise<DirectoryReportEntity> {
    const city = await this.cityOf(p);
    const period = periodByKey(periodKey, this.cadence(), this.graceDays());
    if (!period)
      throw new DomainError(
        DomainErrorCode.ValidationFailed,
        `period ${periodKey} is not a ${this.cadence()} period (e.g. ${this.example()})`,
        { fields: ['period'] },
      );
    const now = this.clock.now();
    if (period.start > chinaDate(now))
      throw new DomainError(DomainErrorCode.ValidationFailed, `period ${periodKey} has not begun yet`, {
        fields: ['period'],
      });
    return this.db.transaction(async (tx) => {
      const entries: ReportedEntry[] = await tx.query(
        `SELECT credit_code AS "creditCode", name, industry, risk_tier AS "riskTier",
                to_char(assessed_on, 'YYYY-MM-DD') AS "assessedOn"
           FROM directory_entries WHERE jurisdiction_code = $1 ORDER BY name, credit_code`,
        [city.code],
      );
      const [row]: { id: string }[] = await tx.query(
        `INSERT INTO directory_reports (jurisdiction_code, period, due_on, submitted_at, submitted_by, entry_count, entries, note)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (jurisdiction_code, period) DO UPDATE
            SET submitted_at = EXCLUDED.submitted_at, submitted_by = EXCLUDED.submitted_by,
                entry_count = EXCLUDED.entry_count, entries = EXCLUDED.entries, note = EXCLUDED.note
          WHERE directory_reports.submitted_at IS NULL
         RETURNING id`,
        [city.code, period.key, period.dueOn, now, p.id, entries.length, JSON.stringify(entries), note],
      );
      if (!row)
        throw new DomainError(
          DomainErrorCode.AlreadyExists,
          `${city.name} has already reported its directory for ${period.key}`,
          { fields: ['period'] },
        );
      return tx.getRepository(DirectoryReportEntity).findOneByOrFail({ id: row.id });
    });
  }

  cadence(): ReportCadence {
    return this.config.get('DIRECTORY_REPORT_CADENCE', { infer: true }) as ReportCadence;
  }

  graceDays(): number {
    return this.config.get('DIRECTORY_REPORT_GRACE_DAYS', { infer: true });
  }

  private example(): string {
    return { monthly: '2026-11', quarterly: '2026-Q4', 'half-yearly': '2026-H2', yearly: '2026' }[this.cadence()];
  }

  /** The caller's city: only a regulator of a city bureau keeps a directory (403 otherwise). */
  private async cityOf(p: Principal): Promise<{ code: string; name: string; path: string }> {
    const [j]: { code: string; name: string; path: string; level: string }[] =
      p.role === Role.Regulator && p.jurisdictionCode
        ? await this.db.query(`SELECT code, name, path, level FROM jurisdictions WHERE code = $1`, [p.jurisdictionCode])
        : [];
    if (!j || j.level !== JurisdictionLevel.City)
      throw new DomainError(
        DomainErrorCode.Forbidden,
        'the directory is kept and reported by the city bureaus (市级市场监管部门): a regulator of a city',
      );
    return j;
  }

  /** What class-validator cannot say: the credit code's check character, an assessment not in the future. */
  private check(input: DirectoryEntryInput): void {
    const problem = usccProblem(input.creditCode);
    if (problem)
      throw new DomainError(DomainErrorCode.ValidationFailed, `creditCode: ${problem}`, { fields: ['creditCode'] });
    if (input.assessedOn > chinaDate(this.clock.now()))
      throw new DomainError(DomainErrorCode.ValidationFailed, 'assessedOn is in the future', {
        fields: ['assessedOn'],
      });
  }

  private async assertNotListed(tx: EntityManager, creditCode: string, except: string | null): Promise<void> {
    const [other]: { id: string; city: string }[] = await tx.query(
      `SELECT e.id, j.name AS city FROM directory_entries e JOIN jurisdictions j ON j.code = e.jurisdiction_code
        WHERE e.credit_code = $1 AND e.id IS DISTINCT FROM $2::uuid`,
      [creditCode, except],
    );
    if (other)
      throw new DomainError(
        DomainErrorCode.AlreadyExists,
        `the enterprise ${creditCode} is already in the directory of ${other.city}`,
        { fields: ['creditCode'] },
      );
  }

  private async organisationOf(tx: EntityManager, creditCode: string): Promise<string | null> {
    const [o]: { id: string }[] = await tx.query(`SELECT id FROM organisations WHERE credit_code = $1`, [creditCode]);
    return o?.id ?? null;
  }
}

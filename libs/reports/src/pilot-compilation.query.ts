import {
  DomainError,
  DomainErrorCode,
  dueOnOfHalfYear,
  isWithin,
  type PilotReportStatus,
  pilotReportStatus,
  type Principal,
  Role,
} from '@app/domain';
import { Clock } from '@app/platform';
import { JurisdictionEntity } from '@app/programmes';
import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { PassThrough, Readable } from 'stream';
import { DataSource } from 'typeorm';

export interface CompiledRegion {
  reportId: string;
  reference: string;
  regionName: string;
  provinceName: string;
  jurisdictionName: string;
  dueOn: string;
  status: PilotReportStatus;
  submittedAt: Date | null;
  summary: string | null;
}

export interface PilotCompilation {
  halfYear: string;
  dueOn: string;
  jurisdictionCode: string;
  jurisdictionName: string;
  generatedAt: Date;
  totals: Record<PilotReportStatus, number> & { regions: number };
  regions: CompiledRegion[];
}

/** The Chinese words of a report's status in the compilation. */
export const PILOT_STATUS_LABELS: Readonly<Record<PilotReportStatus, string>> = {
  submitted: '已按时报送',
  late: '逾期报送',
  missing: '未报送',
  pending: '未到期',
};

/** The compilation's columns, in the XLSX's order. */
const COLUMNS: { header: string; key: keyof CompiledRegion | 'rank'; width: number }[] = [
  { header: '序号', key: 'rank', width: 6 },
  { header: '省份', key: 'provinceName', width: 12 },
  { header: '试点地区', key: 'regionName', width: 28 },
  { header: '所在地区', key: 'jurisdictionName', width: 14 },
  { header: '认定编号', key: 'reference', width: 20 },
  { header: '报送截止日', key: 'dueOn', width: 12 },
  { header: '报送情况', key: 'status', width: 12 },
  { header: '报送时间', key: 'submittedAt', width: 18 },
  { header: '进展情况摘要', key: 'summary', width: 80 },
];

/**
 * The semi-annual pilot progress report compiled for a province or the nation (seed 000 §四(三), issue 14): for a
 * half-year, every pilot region in the jurisdiction's subtree with its report's status (submitted on time, late,
 * missing, or not yet due) and the submitted summaries; as JSON and as an XLSX written with exceljs' streaming
 * WorkbookWriter (a title row, the date line, the header, one row per region, the totals).
 */
@Injectable()
export class PilotCompilationQuery {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async compile(principal: Principal, q: { halfYear: string; jurisdictionCode?: string }): Promise<PilotCompilation> {
    const dueOn = dueOnOfHalfYear(q.halfYear);
    if (!dueOn)
      throw new DomainError(DomainErrorCode.ValidationFailed, 'halfYear must look like 2027-H1 or 2027-H2', {
        fields: ['halfYear'],
      });
    if ((principal.role !== Role.Regulator && principal.role !== Role.Admin) || !principal.jurisdictionPath)
      throw new DomainError(DomainErrorCode.Forbidden, 'the pilot progress compilation is for regulators');
    const code = q.jurisdictionCode ?? principal.jurisdictionCode!;
    const jurisdiction = await this.db.getRepository(JurisdictionEntity).findOneBy({ code });
    if (!jurisdiction)
      throw new DomainError(DomainErrorCode.ValidationFailed, `jurisdictionCode ${code} does not exist`, {
        fields: ['jurisdictionCode'],
      });
    if (!isWithin(jurisdiction.path, principal.jurisdictionPath))
      throw new DomainError(DomainErrorCode.Forbidden, `${jurisdiction.name} is outside your jurisdiction`);
    const rows: {
      id: string;
      reference: string;
      region_name: string;
      province_name: string | null;
      jurisdiction_name: string;
      due_on: string;
      submitted_at: Date | null;
      summary: string | null;
    }[] = await this.db.query(
      `SELECT r.id, a.reference, o.name AS region_name, p.name AS province_name, j.name AS jurisdiction_name,
              r.due_on::text AS due_on, r.submitted_at, r.summary
         FROM pilot_reports r
         JOIN applications a ON a.id = r.application_id
         JOIN organisations o ON o.id = r.organisation_id
         JOIN jurisdictions j ON j.code = a.jurisdiction_code
         LEFT JOIN jurisdictions p ON p.level = 'province' AND r.jurisdiction_path LIKE p.path || '%'
        WHERE r.half_year = $1 AND r.jurisdiction_path LIKE $2 || '%'
        ORDER BY p.code NULLS LAST, r.jurisdiction_path, a.reference`,
      [q.halfYear, jurisdiction.path],
    );
    const now = this.clock.now();
    const regions: CompiledRegion[] = rows.map((r) => ({
      reportId: r.id,
      reference: r.reference,
      regionName: r.region_name,
      provinceName: r.province_name ?? '',
      jurisdictionName: r.jurisdiction_name,
      dueOn: r.due_on,
      status: pilotReportStatus({ dueOn: r.due_on, submittedAt: r.submitted_at }, now),
      submittedAt: r.submitted_at,
      summary: r.submitted_at ? r.summary : null,
    }));
    const totals = { regions: regions.length, submitted: 0, late: 0, missing: 0, pending: 0 };
    for (const r of regions) totals[r.status]++;
    return {
      halfYear: q.halfYear,
      dueOn,
      jurisdictionCode: jurisdiction.code,
      jurisdictionName: jurisdiction.name,
      generatedAt: now,
      totals,
      regions,
    };
  }

  /** The compilation as an XLSX stream, and its file name. */
  async xlsx(
    principal: Principal,
    q: { halfYear: string; jurisdictionCode?: string },
  ): Promise<{ fileName: string; stream: Readable }> {
    const c = await this.compile(principal, q);
    const out = new PassThrough();
    void writeWorkbook(c, out).catch((e: unknown) => out.destroy(e as Error));
    return { fileName: `pilot-progress-${c.jurisdictionCode}-${c.halfYear}.xlsx`, stream: out };
  }
}

/** 2027-H1 → 2027年上半年 */
export function halfYearTitle(half: string): string {
  const [year, h] = half.split('-H');
  return `${year}年${h === '1' ? '上' : '下'}半年`;
}

/** China time, minutes */
function chinaTime(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

async function writeWorkbook(c: PilotCompilation, stream: PassThrough): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false, useStyles: true });
  const sheet = workbook.addWorksheet('试点进展汇总');
  sheet.columns = COLUMNS.map((col) => ({ key: col.key, width: col.width }));
  const title = sheet.addRow([
    `${c.jurisdictionName}商业秘密保护创新试点工作进展情况汇总（${halfYearTitle(c.halfYear)}）`,
  ]);
  title.font = { bold: true, size: 14 };
  title.commit();
  sheet.addRow([`报送截止日：${c.dueOn}`, '', '', '', `汇总时间：${chinaTime(c.generatedAt)}`]).commit();
  const header = sheet.addRow(COLUMNS.map((col) => col.header));
  header.font = { bold: true };
  header.commit();
  c.regions.forEach((r, i) => {
    sheet
      .addRow([
        i + 1,
        r.provinceName,
        r.regionName,
        r.jurisdictionName,
        r.reference,
        r.dueOn,
        PILOT_STATUS_LABELS[r.status],
        r.submittedAt ? chinaTime(r.submittedAt) : '',
        r.summary ?? '',
      ])
      .commit();
  });
  sheet
    .addRow([
      '合计',
      `试点地区 ${c.totals.regions} 个`,
      `已按时报送 ${c.totals.submitted}`,
      `逾期报送 ${c.totals.late}`,
      `未报送 ${c.totals.missing}`,
      `未到期 ${c.totals.pending}`,
    ])
    .commit();
  sheet.commit();
  await workbook.commit();
}

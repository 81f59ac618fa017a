import { type Principal } from '@app/domain';
import { Injectable } from '@nestjs/common';
import { type TableSheet, tableCsv, tableWorkbook } from './report-workbook';
import { StatsTableUseCase } from './stats-table.usecase';

export type ExportFormat = 'csv' | 'xlsx';

const CHINA = 'Asia/Shanghai';

/**
 * The statistics table as a file in the seed's layout (the activities and requests lists go through the generic
 * exporter: GET /reports/activities/export, /reports/requests/export).
 */
@Injectable()
export class ReportExportsUseCase {
  constructor(private readonly tables: StatsTableUseCase) {}

  async table(p: Principal, edition: string, province: string | undefined, format: ExportFormat) {
    const t = await this.tables.table(p, edition, province);
    const at = t.filing?.submittedAt;
    const day = at ? at.toLocaleDateString('sv-SE', { timeZone: CHINA }).split('-').map(Number) : null;
    const sheet: TableSheet = {
      title: t.edition.title,
      unit: t.province.name,
      date: day ? { year: day[0], month: day[1], day: day[2] } : null,
      rows: t.edition.rows,
      values: t.values,
    };
    const name = `${t.edition.code}-${t.province.code}`;
    return format === 'xlsx'
      ? { fileName: `${name}.xlsx`, body: await tableWorkbook(sheet) }
      : { fileName: `${name}.csv`, body: Buffer.from('\uFEFF' + tableCsv(sheet), 'utf8') };
  }
}

import { type TableValues, type TemplateRow } from '@app/domain';
import { type CsvCell, neutraliseCell, toCsv } from '@app/platform';
import ExcelJS from 'exceljs';

/** The header lines of the table as the seed prints them. */
export const TABLE_HEADER = ['序号', '具体内容', '数据'] as const;

/** What the printed table shows above its rows. */
export interface TableSheet {
  title: string;
  /** 填报单位 (the province), filled in on export */
  unit: string;
  /** the date line (年 月 日): the day it was submitted, or blank for a draft */
  date: { year: number; month: number; day: number } | null;
  rows: readonly TemplateRow[];
  values: TableValues;
}

/** Excel number format showing 12 as `(12)场次`, the seed's `()场次` filled in, while the cell stays a number. */
export function unitFormat(unit: string): string {
  return `"("0")${unit.replace(/"/g, '')}"`;
}

/**
 * The statistics table as an XLSX laid out as the seed's attachment: the title merged across the three columns,
 * 填报单位(盖章) and the date line, the header 序号 | 具体内容 | 数据, then each numbered row with its sub-rows (the number
 * merged down over them), each value a number shown as `(n)单位`.
 */
export async function tableWorkbook(sheet: TableSheet): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('统计表', { pageSetup: { paperSize: 9, orientation: 'portrait' } });
  ws.columns = [{ width: 8 }, { width: 48 }, { width: 18 }];
  ws.mergeCells('A1:C1');
  ws.getCell('A1').value = sheet.title;
  ws.getCell('A1').font = { bold: true, size: 16 };
  ws.getCell('A1').alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 32;
  ws.mergeCells('A2:C2');
  ws.getCell('A2').value = `填报单位(盖章):${sheet.unit}`;
  ws.mergeCells('A3:C3');
  const d = sheet.date;
  ws.getCell('A3').value = d ? `${d.year}年${d.month}月${d.day}日` : '年 月 日';
  ws.getCell('A3').alignment = { horizontal: 'right' };
  const header = ws.getRow(4);
  header.values = [...TABLE_HEADER];
  header.font = { bold: true };
  header.alignment = { horizontal: 'center' };
  let r = 5;
  const border: Partial<ExcelJS.Borders> = {
    top: { style: 'thin' },
    left: { style: 'thin' },
    bottom: { style: 'thin' },
    right: { style: 'thin' },
  };
  for (const row of sheet.rows) {
    const first = r;
    for (const cell of row.cells) {
      const line = ws.getRow(r);
      line.getCell(1).value = r === first ? row.number : null;
      line.getCell(2).value = neutraliseCell(cell.label);
      line.getCell(3).value = sheet.values[cell.key] ?? 0;
      line.getCell(3).numFmt = unitFormat(cell.unit);
      r++;
    }
    if (r - 1 > first) ws.mergeCells(first, 1, r - 1, 1);
    ws.getCell(first, 1).alignment = { horizontal: 'center', vertical: 'middle' };
  }
  for (let i = 4; i < r; i++) for (let c = 1; c <= 3; c++) ws.getCell(i, c).border = border;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The same table as CSV: 序号, 具体内容, 数据, 单位 (a sub-row's number left empty, as printed). */
export function tableCsv(sheet: TableSheet): string {
  const lines: CsvCell[][] = [];
  for (const row of sheet.rows)
    row.cells.forEach((cell, i) =>
      lines.push([i === 0 ? row.number : null, cell.label, sheet.values[cell.key] ?? 0, cell.unit]),
    );
  return toCsv(['序号', '具体内容', '数据', '单位'], lines);
}

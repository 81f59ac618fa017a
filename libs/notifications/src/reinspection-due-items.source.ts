import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DueItem, DueItemsSource } from './due-items.source';

interface Row {
  id: string;
  seq: number;
  due_on: string;
  application_id: string;
  reference: string;
  title: string;
  programme_jurisdiction: string;
  programme_parent: string | null;
}

/**
 * The yearly re-inspections (回访/巡查) still scheduled, as due items: due at the end of their day (China time);
 * the designating bureau (the programme's) is reminded a working day before, once, and its supervising bureau hears
 * once it is overdue. A re-inspection recorded or cancelled (the title ended) drops out.
 */
@Injectable()
export class ReinspectionDueItems implements DueItemsSource {
  /** items per `open` (of each of the two kinds): the sweeper pages through any number */
  pageSize = 500;

  constructor(private readonly db: DataSource) {}

  async open(now: Date, soon: Date): Promise<DueItem[]> {
    const select = (where: string, params: unknown[]): Promise<Row[]> =>
      this.db.query(
        `SELECT r.id, r.seq, to_char(r.due_on, 'YYYY-MM-DD') AS due_on, a.id AS application_id, a.reference, a.title,
                p.jurisdiction_code AS programme_jurisdiction, j.parent_code AS programme_parent
           FROM reinspections r
           JOIN applications a ON a.id = r.application_id
           JOIN programmes p ON p.id = a.programme_id
           JOIN jurisdictions j ON j.code = p.jurisdiction_code
          WHERE r.status = 'scheduled' AND ${where}
          ORDER BY r.due_on, r.id LIMIT ${Number(this.pageSize)}`,
        params,
      );
    // due_on is a China date: it ends at the next day's 00:00 in UTC+8
    const endOf = `(r.due_on + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'`;
    const [due, overdue] = await Promise.all([
      select(`r.reminded_at IS NULL AND ${endOf} > $1 AND ${endOf} <= $2`, [now, soon]),
      select(`r.escalated_at IS NULL AND ${endOf} <= $1`, [now]),
    ]);
    return [...due, ...overdue].map((r) => this.item(r));
  }

  async noted(tx: EntityManager, item: DueItem, what: 'reminded' | 'escalated', at: Date): Promise<void> {
    await tx.query(
      `UPDATE reinspections SET ${what === 'reminded' ? 'reminded_at' : 'escalated_at'} = $2 WHERE id = $1`,
      [item.key.slice('reinspection.'.length), at],
    );
  }

  private item(r: Row): DueItem {
    return {
      key: `reinspection.${r.id}`,
      subjectType: 'application',
      subjectId: r.application_id,
      link: `/applications/${r.application_id}`,
      reference: r.reference,
      title: r.title,
      action: `完成第${r.seq}次年度回访（巡查）`,
      dueAt: new Date(Date.parse(`${r.due_on}T00:00:00+08:00`) + 86_400_000),
      remind: { type: 'regulators', jurisdictionCode: r.programme_jurisdiction },
      holderJurisdictionCode: r.programme_jurisdiction,
      supervisorJurisdictionCode: r.programme_parent,
    };
  }
}

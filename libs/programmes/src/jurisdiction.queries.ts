import { DomainError, DomainErrorCode } from '@app/domain';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JurisdictionEntity } from './jurisdiction.entity';

export type Jurisdiction = Pick<
  JurisdictionEntity,
  'code' | 'name' | 'level' | 'isFreeTradeZone' | 'parentCode' | 'path'
>;

/** The jurisdiction tree, which anyone may read. */
@Injectable()
export class JurisdictionQueries {
  constructor(private readonly db: DataSource) {}

  /** Every jurisdiction, ordered by path (a parent before its subtree). */
  list(): Promise<Jurisdiction[]> {
    return this.db.getRepository(JurisdictionEntity).find({ order: { path: 'ASC' } });
  }

  /** One jurisdiction with its direct children; 404 when the code is unknown. */
  async get(code: string): Promise<Jurisdiction & { children: Jurisdiction[] }> {
    const repo = this.db.getRepository(JurisdictionEntity);
    const j = await repo.findOneBy({ code });
    if (!j) throw new DomainError(DomainErrorCode.NotFound, `jurisdiction ${code} not found`);
    return { ...j, children: await repo.find({ where: { parentCode: code }, order: { code: 'ASC' } }) };
  }

  /** The jurisdiction of a code; a 400 naming `field` when it is unknown. */
  async known(code: string, field: string): Promise<Jurisdiction> {
    const j = await this.db.getRepository(JurisdictionEntity).findOneBy({ code });
    if (!j) throw new DomainError(DomainErrorCode.ValidationFailed, `${field} ${code} is unknown`, { fields: [field] });
    return j;
  }
}

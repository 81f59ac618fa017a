import { DomainError, DomainErrorCode } from '@app/domain';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ProgrammeEntity } from './programme.entity';
import { ProgrammeVersionEntity } from './programme-version.entity';

/** A programme's fields as plain data (the row, not the entity class). */
export type Programme = Omit<ProgrammeEntity, never>;
/** One version of a programme's rules. */
export type ProgrammeVersion = Omit<ProgrammeVersionEntity, never>;

/** Programmes, which anyone may read. */
@Injectable()
export class ProgrammeQueries {
  constructor(private readonly db: DataSource) {}

  /** Newest year first, then by code. */
  list(): Promise<Programme[]> {
    return this.db.getRepository(ProgrammeEntity).find({ order: { year: 'DESC', code: 'ASC' } });
  }

  /** One programme; 404 when there is none with this id. */
  async get(id: string): Promise<Programme> {
    const p = await this.db.getRepository(ProgrammeEntity).findOneBy({ id });
    if (!p) throw new DomainError(DomainErrorCode.NotFound, `programme ${id} not found`);
    return p;
  }

  /** The versions of a programme's rules, oldest first. */
  versions(programmeId: string): Promise<ProgrammeVersion[]> {
    return this.db.getRepository(ProgrammeVersionEntity).find({ where: { programmeId }, order: { version: 'ASC' } });
  }
}

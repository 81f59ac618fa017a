import { DomainError, DomainErrorCode, isWithin, type Principal, type TimeLimits, timeLimitsOf } from '@app/domain';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JurisdictionEntity } from './jurisdiction.entity';
import { ProgrammeEntity } from './programme.entity';
import { Programme } from './programme.queries';

/**
 * A regulator of the programme's bureau (or above) changes its time limits per step; the steps not named keep
 * theirs. Items already open keep the due date they were given; items opened from now on use the new limits.
 */
@Injectable()
export class SetTimeLimitsUseCase {
  private readonly logger = new Logger(SetTimeLimitsUseCase.name);

  constructor(private readonly db: DataSource) {}

  async execute(p: Principal, programmeId: string, limits: Partial<TimeLimits>): Promise<Programme> {
    return this.db.transaction(async (tx) => {
      const programme = await tx
        .getRepository(ProgrammeEntity)
        .createQueryBuilder('p')
        .setLock('pessimistic_write')
        .where('p.id = :programmeId', { programmeId })
        .getOne();
      if (!programme) throw new DomainError(DomainErrorCode.NotFound, `programme ${programmeId} not found`);
      const j = await tx.getRepository(JurisdictionEntity).findOneByOrFail({ code: programme.jurisdictionCode });
      if (!p.jurisdictionPath || !isWithin(j.path, p.jurisdictionPath)) {
        throw new DomainError(DomainErrorCode.Forbidden, `${j.name} runs this programme, outside your jurisdiction`);
      }
      const before = timeLimitsOf(programme.timeLimits);
      const named = Object.fromEntries(Object.entries(limits).filter(([, v]) => v !== undefined));
      const after = timeLimitsOf({ ...before, ...named });
      await tx.getRepository(ProgrammeEntity).update({ id: programme.id }, { timeLimits: after });
      this.logger.log({ programmeId, by: p.id, before, after }, 'time limits changed');
      return { ...programme, timeLimits: after };
    });
  }
}

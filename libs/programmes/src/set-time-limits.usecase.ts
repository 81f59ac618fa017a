import { type Principal, type TimeLimits } from '@app/domain';
import { Injectable } from '@nestjs/common';
import { ChangeProgrammeRulesUseCase } from './change-programme-rules.usecase';
import { Programme } from './programme.queries';

/**
 * A regulator of the programme's bureau (or above) changes its time limits per step; the steps not named keep
 * theirs. Like every change of rules it writes a new version of the programme: applications created before keep the
 * limits of their version; items already open keep the due date they were given.
 */
@Injectable()
export class SetTimeLimitsUseCase {
  constructor(private readonly rules: ChangeProgrammeRulesUseCase) {}

  execute(p: Principal, programmeId: string, limits: Partial<TimeLimits>): Promise<Programme> {
    return this.rules.execute(p, programmeId, { timeLimits: limits, reason: 'time limits changed' });
  }
}

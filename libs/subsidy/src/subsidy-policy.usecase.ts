import { DomainError, DomainErrorCode, isWithin, type Principal } from '@app/domain';
import { JurisdictionEntity, ProgrammeEntity } from '@app/programmes';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SubsidyPolicyEntity } from './subsidy-policy.entity';

export interface CreateSubsidyPolicyInput {
  programmeId: string;
  name: string;
  /** per designation, in fen */
  amountFen: number;
  /** the programme year's budget, in fen */
  budgetFen: number;
  purpose: string;
}

/** A subsidy policy's fields as plain data (the row, not the entity class). */
export type SubsidyPolicy = Omit<SubsidyPolicyEntity, never>;

/**
 * Finance attaches a one-time subsidy policy to a programme of their bureau or below (one per programme: a second
 * one is refused by the unique key, 409); the programme's bureau pays it.
 */
@Injectable()
export class CreateSubsidyPolicyUseCase {
  constructor(private readonly db: DataSource) {}

  async execute(p: Principal, input: CreateSubsidyPolicyInput): Promise<SubsidyPolicy> {
    const programme = await this.db.getRepository(ProgrammeEntity).findOneBy({ id: input.programmeId });
    if (!programme)
      throw new DomainError(DomainErrorCode.ValidationFailed, `programmeId ${input.programmeId} does not exist`, {
        fields: ['programmeId'],
      });
    const j = await this.db.getRepository(JurisdictionEntity).findOneByOrFail({ code: programme.jurisdictionCode });
    if (!p.jurisdictionPath || !isWithin(j.path, p.jurisdictionPath))
      throw new DomainError(DomainErrorCode.Forbidden, `${j.name} is outside your jurisdiction`);
    const { id } = await this.db.getRepository(SubsidyPolicyEntity).save({
      programmeId: input.programmeId,
      name: input.name,
      amountFen: input.amountFen,
      budgetFen: input.budgetFen,
      purpose: input.purpose,
      oneTime: true,
      payingJurisdictionCode: programme.jurisdictionCode,
    });
    return this.db.getRepository(SubsidyPolicyEntity).findOneByOrFail({ id });
  }
}

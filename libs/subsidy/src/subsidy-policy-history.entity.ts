import { TransitionHistoryEntity } from '@app/platform';
import { Column, Entity, ForeignKey, Index } from 'typeorm';
import { SubsidyPolicyEntity } from './subsidy-policy.entity';

/**
 * Append-only, like the other histories: who proposed which terms (PROPOSE, payload `terms`), who approved or
 * rejected them (APPROVE, REJECT), from which status to which.
 */
@Entity({ name: 'subsidy_policy_history' })
@Index('uq_subsidy_policy_history_version', ['policyId', 'version'], { unique: true })
export class SubsidyPolicyHistoryEntity extends TransitionHistoryEntity {
  @ForeignKey(() => SubsidyPolicyEntity)
  @Column({ name: 'policy_id', type: 'uuid' })
  policyId: string;
}

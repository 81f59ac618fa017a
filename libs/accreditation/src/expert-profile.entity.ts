import { UserEntity } from '@app/identity';
import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/**
 * An evaluator's profile in the expert pool (专家库): fields of expertise (EXPERTISE_FIELDS), employer (for the
 * same-organisation avoidance rule), standing conflict declarations and availability. Kept by the evaluator and by
 * the regulators and admins of their jurisdiction. An evaluator without a row has an empty, available profile.
 */
@Entity({ name: 'expert_profiles' })
export class ExpertProfileEntity {
  @ForeignKey(() => UserEntity)
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'varchar', length: 32, array: true, default: () => "'{}'" })
  fields: string[];

  @Column({ name: 'employer_name', type: 'varchar', length: 200, nullable: true })
  employerName: string | null;

  /** the employer's unified social credit code */
  @Column({ name: 'employer_credit_code', type: 'char', length: 18, nullable: true })
  employerCreditCode: string | null;

  /** credit codes of organisations the evaluator declares a standing conflict with (回避声明) */
  @Column({ name: 'conflict_credit_codes', type: 'varchar', length: 18, array: true, default: () => "'{}'" })
  conflictCreditCodes: string[];

  @Column({ type: 'boolean', default: true })
  available: boolean;

  /** China date the unavailability lasts to (inclusive); null with available=false: until further notice */
  @Column({ name: 'unavailable_until', type: 'date', nullable: true })
  unavailableUntil: string | null;

  @ForeignKey(() => UserEntity)
  @Column({ name: 'updated_by', type: 'uuid' })
  updatedBy: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

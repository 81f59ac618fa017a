import { DomainError, DomainErrorCode, passwordProblem, Role, usccProblem } from '@app/domain';
import { Clock } from '@app/platform';
import { JurisdictionEntity } from '@app/programmes';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OrganisationEvent, OrganisationHistoryEntity } from './organisation-history.entity';
import { OrganisationEntity, OrganisationKind, VerificationStatus } from './organisation.entity';
import { hashPassword } from './password-hasher';
import { UserEntity } from './user.entity';

export interface RegisterOrganisationCommand {
  name: string;
  creditCode: string;
  kind: OrganisationKind;
  jurisdictionCode: string;
  contact: { name: string; phone: string; email?: string | null };
  /** the organisation's first user, who may later invite colleagues */
  user: { username: string; displayName: string; password: string };
}

export interface Registration {
  organisationId: string;
  userId: string;
  verificationStatus: VerificationStatus;
}

/**
 * An organisation registers itself with its first user: the credit code's check character and the password policy
 * are checked, the organisation starts `pending` and its registration is the first row of its history. Nothing is
 * written when anything is refused; a credit code or username already taken is a 409 naming the field.
 */
@Injectable()
export class RegisterOrganisationUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async execute(cmd: RegisterOrganisationCommand): Promise<Registration> {
    const creditCode = cmd.creditCode.trim().toUpperCase();
    const codeProblem = usccProblem(creditCode);
    if (codeProblem)
      throw new DomainError(DomainErrorCode.ValidationFailed, `creditCode: ${codeProblem}`, { fields: ['creditCode'] });
    const weak = passwordProblem(cmd.user.password, cmd.user.username);
    if (weak) throw new DomainError(DomainErrorCode.ValidationFailed, weak, { fields: ['user.password'] });
    const passwordHash = await hashPassword(cmd.user.password);
    return this.db.transaction(async (tx) => {
      if (!(await tx.getRepository(JurisdictionEntity).existsBy({ code: cmd.jurisdictionCode })))
        throw new DomainError(
          DomainErrorCode.ValidationFailed,
          `jurisdictionCode ${cmd.jurisdictionCode} does not exist`,
          {
            fields: ['jurisdictionCode'],
          },
        );
      if (await tx.getRepository(OrganisationEntity).existsBy({ creditCode }))
        throw new DomainError(
          DomainErrorCode.AlreadyExists,
          `an organisation with credit code ${creditCode} is registered`,
          {
            fields: ['creditCode'],
          },
        );
      if (await tx.getRepository(UserEntity).existsBy({ username: cmd.user.username }))
        throw new DomainError(DomainErrorCode.AlreadyExists, `the username ${cmd.user.username} is taken`, {
          fields: ['user.username'],
        });
      const now = this.clock.now();
      const organisation = await tx.getRepository(OrganisationEntity).save({
        creditCode,
        name: cmd.name,
        kind: cmd.kind,
        jurisdictionCode: cmd.jurisdictionCode,
        bankAccount: null,
        verificationStatus: VerificationStatus.Pending,
        contactName: cmd.contact.name,
        contactPhone: cmd.contact.phone,
        contactEmail: cmd.contact.email ?? null,
      });
      const user = await tx.getRepository(UserEntity).save({
        username: cmd.user.username,
        passwordHash,
        displayName: cmd.user.displayName,
        role: Role.Applicant,
        jurisdictionCode: null,
        organisationId: organisation.id,
      });
      await tx.getRepository(OrganisationHistoryEntity).insert({
        organisationId: organisation.id,
        event: OrganisationEvent.Register,
        fromStatus: null,
        toStatus: VerificationStatus.Pending,
        actorId: user.id,
        actorRole: Role.Applicant,
        reason: null,
        at: now,
      });
      return { organisationId: organisation.id, userId: user.id, verificationStatus: VerificationStatus.Pending };
    });
  }
}

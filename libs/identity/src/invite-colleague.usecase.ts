import { EnvironmentVariables } from '@app/config';
import { DomainError, DomainErrorCode, passwordProblem, type Principal, Role } from '@app/domain';
import { Clock } from '@app/platform';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { InvitationEntity } from './invitation.entity';
import { hashPassword } from './password-hasher';
import { newOpaqueToken, opaqueTokenHash } from './session-token.util';
import { UserHistoryEntity, UserEvent } from './user-history.entity';
import { UserEntity } from './user.entity';

export interface IssuedInvitation {
  id: string;
  /** shown once, to the inviter, who passes it on; only its hash is kept */
  token: string;
  expiresAt: Date;
}

export interface InvitationAcceptance {
  token: string;
  username: string;
  displayName?: string;
  password: string;
}

/** What is said about a token that cannot be used: unknown, used and expired look the same. */
const INVITATION_UNUSABLE = 'the invitation is unknown, already used or expired; ask your colleague for a new one';

/**
 * An organisation's users invite colleagues: an invitation carries a random token, works once and expires after
 * INVITATION_TTL_HOURS. Accepting it (no sign-in needed: the token is the credential) creates an applicant account
 * of that organisation with the password the colleague chooses (the password policy applies), and records who
 * invited whom. Several users then act for one organisation, each under their own name on every history.
 */
@Injectable()
export class InviteColleagueUseCase {
  private readonly ttlMs: number;

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    this.ttlMs = config.get('INVITATION_TTL_HOURS', { infer: true }) * 3_600_000;
  }

  async invite(inviter: Principal, displayName: string): Promise<IssuedInvitation> {
    const { organisationId, id: invitedBy } = inviter;
    if (inviter.role !== Role.Applicant || !organisationId || !invitedBy)
      throw new DomainError(DomainErrorCode.Forbidden, "only an organisation's users invite colleagues to it");
    const token = newOpaqueToken();
    const expiresAt = new Date(this.clock.now().getTime() + this.ttlMs);
    const saved = await this.db.getRepository(InvitationEntity).save({
      organisationId,
      tokenHash: opaqueTokenHash(token),
      displayName,
      invitedBy,
      expiresAt,
    });
    return { id: saved.id, token, expiresAt };
  }

  async accept(cmd: InvitationAcceptance): Promise<{ userId: string; organisationId: string; username: string }> {
    const weak = passwordProblem(cmd.password, cmd.username);
    if (weak) throw new DomainError(DomainErrorCode.ValidationFailed, weak, { fields: ['password'] });
    const passwordHash = await hashPassword(cmd.password);
    return this.db.transaction(async (tx) => {
      const now = this.clock.now();
      const invitation = await tx
        .getRepository(InvitationEntity)
        .createQueryBuilder('i')
        .setLock('pessimistic_write')
        .where('i.token_hash = :hash', { hash: opaqueTokenHash(cmd.token) })
        .getOne();
      if (!invitation || invitation.acceptedAt || invitation.expiresAt.getTime() <= now.getTime())
        throw new DomainError(DomainErrorCode.NotFound, INVITATION_UNUSABLE);
      if (await tx.getRepository(UserEntity).existsBy({ username: cmd.username }))
        throw new DomainError(DomainErrorCode.AlreadyExists, `the username ${cmd.username} is taken`, {
          fields: ['username'],
        });
      const user = await tx.getRepository(UserEntity).save({
        username: cmd.username,
        passwordHash,
        displayName: cmd.displayName ?? invitation.displayName,
        role: Role.Applicant,
        jurisdictionCode: null,
        organisationId: invitation.organisationId,
        createdBy: invitation.invitedBy,
      });
      await tx
        .getRepository(InvitationEntity)
        .update({ id: invitation.id }, { acceptedAt: now, acceptedUserId: user.id });
      await tx.getRepository(UserHistoryEntity).insert({
        userId: user.id,
        event: UserEvent.AcceptInvitation,
        actorId: user.id,
        actorRole: Role.Applicant,
        change: {
          invitationId: invitation.id,
          invitedBy: invitation.invitedBy,
          organisationId: invitation.organisationId,
        },
        at: now,
      });
      return { userId: user.id, organisationId: invitation.organisationId, username: user.username };
    });
  }
}

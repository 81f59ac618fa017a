import { DomainErrorCode, Role } from '@app/domain';
import { resetDatabase, startContexts } from '@app/testing';
import { INestApplicationContext } from '@nestjs/common';
import { verify as argon2Verify } from '@node-rs/argon2';
import { hash as bcryptHash } from '@node-rs/bcrypt';
import { DataSource } from 'typeorm';
import { OrganisationQueries } from './organisation.queries';
import { SetBankAccountUseCase } from './set-bank-account.usecase';
import { SignInUseCase } from './sign-in.usecase';
import { UserEntity } from './user.entity';

const PASSWORD = 'demo-password';

// the real Argon2 check, counted: sign-in must run it whoever asks (see "same cost")
jest.mock('@node-rs/argon2', () => {
  const actual = jest.requireActual('@node-rs/argon2');
  return { ...actual, verify: jest.fn(actual.verify) };
});

/** The identity context without HTTP: sign-in, the organisation's profile and its payee bank account. */
describe('identity context', () => {
  let app: INestApplicationContext;
  let db: DataSource;
  let signIn: SignInUseCase;

  beforeAll(async () => {
    app = await startContexts();
    db = app.get(DataSource);
    signIn = app.get(SignInUseCase);
  });
  beforeEach(() => resetDatabase(app));
  afterAll(() => app.close());

  const storedHash = async (username: string) =>
    (
      await db
        .getRepository(UserEntity)
        .createQueryBuilder('u')
        .addSelect('u.passwordHash')
        .where('u.username = :username', { username })
        .getOneOrFail()
    ).passwordHash;

  describe('sign-in', () => {
    it('answers the account and its principal, with the jurisdiction path from the tree and no password hash', async () => {
      const { user, principal } = await signIn.execute('qd-regulator', PASSWORD);
      expect(user).toEqual({
        id: expect.any(String),
        username: 'qd-regulator',
        displayName: expect.any(String),
        role: 'regulator',
        jurisdictionCode: '370211-FTZ',
        organisationId: null,
        mustChangePassword: false,
      });
      expect(principal).toMatchObject({
        id: user.id,
        role: Role.Regulator,
        jurisdictionCode: '370211-FTZ',
        jurisdictionPath: expect.stringMatching(/^\/CN\/370000\/370200\/.*370211-FTZ\/$/),
      });
      expect(JSON.stringify(user)).not.toContain('argon2');
      const applicant = await signIn.execute('qd-applicant', PASSWORD);
      expect(applicant.principal).toMatchObject({ role: Role.Applicant, organisationId: expect.any(String) });
    });

    it('refuses a wrong password, an unknown user and a disabled account with the same answer', async () => {
      await db.getRepository(UserEntity).update({ username: 'cs-finance' }, { active: false });
      for (const [username, password] of [
        ['qd-regulator', 'wrong-password'],
        ['nobody', PASSWORD],
        ['cs-finance', PASSWORD],
      ]) {
        await expect(signIn.execute(username, password)).rejects.toMatchObject({
          code: DomainErrorCode.Unauthenticated,
          message: 'unknown username or wrong password',
        });
      }
    });

    it('runs the password hash for an unknown user and a locked account as for a wrong password (same cost)', async () => {
      await db
        .getRepository(UserEntity)
        .update({ username: 'qd-finance' }, { lockedUntil: new Date(Date.now() + 60_000) });
      const verify = jest.mocked(argon2Verify);
      for (const [username, password] of [
        ['qd-regulator', 'wrong-password'],
        ['nobody', PASSWORD],
        ['qd-finance', PASSWORD],
      ]) {
        verify.mockClear();
        await expect(signIn.execute(username, password)).rejects.toMatchObject({
          code: DomainErrorCode.Unauthenticated,
        });
        expect({ username, hashed: verify.mock.calls.length }).toEqual({ username, hashed: 1 });
      }
    });

    it('replaces an older bcrypt hash with Argon2id at the next successful sign-in, and not after a failed one', async () => {
      const old = await bcryptHash(PASSWORD, 4);
      await db.getRepository(UserEntity).update({ username: 'qd-finance' }, { passwordHash: old });
      await expect(signIn.execute('qd-finance', 'wrong-password')).rejects.toMatchObject({
        code: DomainErrorCode.Unauthenticated,
      });
      expect(await storedHash('qd-finance')).toBe(old);
      await signIn.execute('qd-finance', PASSWORD);
      const rehashed = await storedHash('qd-finance');
      expect(rehashed).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      await expect(signIn.execute('qd-finance', PASSWORD)).resolves.toMatchObject({ user: { username: 'qd-finance' } });
      expect(await storedHash('qd-finance')).toBe(rehashed);
    });
  });

  describe('the organisation and its bank account', () => {
    const account = (accountName: string) => ({
      bankName: '中国工商银行青岛黄岛支行',
      accountName,
      accountNumber: '3803020109200123456',
      branchCode: '102452000018',
    });

    it("reads the caller's own organisation with its credit-code check, and refuses a principal with none", async () => {
      const { principal } = await signIn.execute('qd-applicant', PASSWORD);
      const org = await app.get(OrganisationQueries).mine(principal);
      expect(org).toMatchObject({
        id: principal.organisationId,
        jurisdictionCode: '370211-FTZ',
        creditCodeValid: true,
      });
      const regulator = (await signIn.execute('qd-regulator', PASSWORD)).principal;
      await expect(app.get(OrganisationQueries).mine(regulator)).rejects.toMatchObject({
        code: DomainErrorCode.NotFound,
      });
    });

    it("stores a payable account in the organisation's registered name", async () => {
      const { principal } = await signIn.execute('qd-applicant', PASSWORD);
      const org = await app.get(OrganisationQueries).mine(principal);
      const changed = await app
        .get(SetBankAccountUseCase)
        .execute(principal, { ...account(org.name), branchCode: undefined });
      expect(changed.bankAccount).toEqual({ ...account(org.name), branchCode: null });
      expect((await app.get(OrganisationQueries).mine(principal)).bankAccount).toEqual({
        ...account(org.name),
        branchCode: null,
      });
    });

    it("refuses another holder's name or bad digits with a 400 naming the field, and keeps the old account", async () => {
      const { principal } = await signIn.execute('qd-applicant', PASSWORD);
      const before = (await app.get(OrganisationQueries).mine(principal)).bankAccount;
      const use = app.get(SetBankAccountUseCase);
      await expect(use.execute(principal, account('某某公司'))).rejects.toMatchObject({
        code: DomainErrorCode.ValidationFailed,
        message: expect.stringContaining("accountName must be the organisation's registered name"),
        details: { fields: ['bankAccount'] },
      });
      const org = await app.get(OrganisationQueries).mine(principal);
      await expect(use.execute(principal, { ...account(org.name), accountNumber: '1234 5678' })).rejects.toMatchObject({
        code: DomainErrorCode.ValidationFailed,
        message: expect.stringContaining('accountNumber must be 8 to 32 digits'),
      });
      await expect(use.execute(principal, { ...account(org.name), branchCode: '123' })).rejects.toMatchObject({
        message: expect.stringContaining('branchCode'),
      });
      expect((await app.get(OrganisationQueries).mine(principal)).bankAccount).toEqual(before);
    });
  });
});

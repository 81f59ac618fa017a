import { PASSWORD_MIN_LENGTH, passwordProblem } from './password-policy.util';

describe('passwordProblem', () => {
  it('accepts a long, uncommon password that is not the username', () => {
    expect(passwordProblem('蓝色港湾-灯塔-37', 'qd-applicant')).toBeNull();
    expect(passwordProblem('correct horse battery', 'zhang.san')).toBeNull();
  });

  it(`refuses fewer than ${PASSWORD_MIN_LENGTH} characters (counted as characters, not bytes)`, () => {
    expect(passwordProblem('Ab3$xY9!q', 'u')).toMatch(/at least 10/);
    expect(passwordProblem('商业秘密保护示范单位', 'u')).toBeNull();
  });

  it('refuses the username, inside the password or reversed, whatever the case', () => {
    expect(passwordProblem('QD-Applicant', 'qd-applicant')).toMatch(/username/);
    expect(passwordProblem('my-qd-applicant-2026', 'qd-applicant')).toMatch(/username/);
    expect(passwordProblem('tnacilppa-dq', 'qd-applicant')).toMatch(/username/);
  });

  it('refuses common passwords, with digits appended, repeated characters and runs of digits', () => {
    for (const p of [
      'password123',
      'Passw0rd2026',
      'qwertyuiop',
      '1234567890',
      '9876543210',
      'zzzzzzzzzzzz',
      '1qaz2wsx99',
    ])
      expect(passwordProblem(p, 'someone')).toMatch(/too common/);
  });
});

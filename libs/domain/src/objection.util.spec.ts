import { normalisedContact, normalisedObjectionText, objectionContactProblems } from './objection.util';

describe('objection rules', () => {
  it.each([
    '13800000000',
    '+86 138 0000 0000',
    '0086-13800000000',
    '0532-88888888',
    '010 12345678',
    'wangwu@example.com',
    ' WangWu@Example.COM ',
    '１３８００００００００', // full-width digits
  ])('accepts %s as a contact', (c) => expect(objectionContactProblems(c)).toEqual([]));

  it.each([
    ['12345', /phone number/],
    ['23800000000', /phone number/],
    ['138000000001', /phone number/],
    ['王五', /phone number/],
    ['wangwu@', /e-mail/],
    ['wangwu@example', /e-mail/],
    ['a b@example.com', /e-mail/],
  ])('refuses %s as a contact', (c, why) => {
    const problems = objectionContactProblems(c);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(why);
  });

  it('compares contacts without case, separators or the country code', () => {
    expect(normalisedContact('+86 138-0000-0000')).toBe('13800000000');
    expect(normalisedContact('0086 13800000000')).toBe('13800000000');
    expect(normalisedContact('13800000000')).toBe('13800000000');
    expect(normalisedContact('WangWu@Example.com ')).toBe('wangwu@example.com');
    expect(normalisedContact('0532-88888888')).not.toBe(normalisedContact('0532-88888889'));
  });

  it('compares texts without case, width, spaces or punctuation', () => {
    const a = normalisedObjectionText('该企业曾被行政处罚，冒用他人技术！');
    expect(normalisedObjectionText('该企业 曾被行政处罚, 冒用他人技术!')).toBe(a);
    expect(normalisedObjectionText('该企业曾被行政处罚。冒用他人技术')).toBe(a);
    expect(normalisedObjectionText('Copied THE design')).toBe(normalisedObjectionText('copied the design.'));
    expect(normalisedObjectionText('Ｃｏｐｉｅｄ the design')).toBe(normalisedObjectionText('copied the design'));
    expect(normalisedObjectionText('该企业未被行政处罚')).not.toBe(a);
  });
});

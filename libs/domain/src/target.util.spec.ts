import { targetDueOn, targetProgress, type TitleFacts, titleValidOn, unitsWithValidTitle } from './target.util';

const title = (
  organisationId: string,
  designatedOn: string,
  validUntil: string | null,
  endedOn: string | null = null,
) => ({ organisationId, designatedOn, validUntil, endedOn }) satisfies TitleFacts;

describe('targets over years', () => {
  it('falls due at the end of its year', () => {
    expect(targetDueOn(2015)).toBe('2015-12-31');
  });

  it('counts a title from its designation day through its last valid day, until it ended', () => {
    const t = title('o1', '2015-03-01', '2018-02-28');
    expect(titleValidOn(t, '2015-02-28')).toBe(false);
    expect(titleValidOn(t, '2015-03-01')).toBe(true);
    expect(titleValidOn(t, '2018-02-28')).toBe(true);
    expect(titleValidOn(t, '2018-03-01')).toBe(false);
    const revoked = title('o1', '2015-03-01', null, '2016-06-30');
    expect(titleValidOn(revoked, '2016-06-29')).toBe(true);
    expect(titleValidOn(revoked, '2016-06-30')).toBe(false);
  });

  it('counts a unit once however many titles of the kind it holds', () => {
    const titles = [
      title('o1', '2015-01-10', null),
      title('o1', '2015-05-10', null), // recommended upward: the same unit
      title('o2', '2015-02-10', null),
    ];
    expect(unitsWithValidTitle(titles, '2015-12-31')).toBe(2);
  });

  it('judges a past target on its due date and an open one on today', () => {
    const titles = [
      title('o1', '2015-01-10', '2016-01-09'),
      title('o2', '2015-06-10', null),
      title('o3', '2016-02-01', null),
      title('o4', '2015-07-01', null, '2015-11-30'),
    ];
    // 2015: o1 and o2 on 31 Dec 2015 (o4 revoked before), o3 not yet
    expect(targetProgress(5, 2015, titles, '2016-03-01')).toEqual({
      dueOn: '2015-12-31',
      atDueDate: 2,
      now: 2,
      percent: 40,
      status: 'missed',
    });
    expect(targetProgress(2, 2015, titles, '2016-03-01').status).toBe('met');
    // 2016 is still ahead on 2016-03-01: judged on today (o2, o3; o1's title expired)
    expect(targetProgress(10, 2016, titles, '2016-03-01')).toEqual({
      dueOn: '2016-12-31',
      atDueDate: null,
      now: 2,
      percent: 20,
      status: 'open',
    });
    expect(targetProgress(1, 2016, titles, '2016-03-01').status).toBe('met');
    expect(targetProgress(0, 2016, [], '2016-03-01')).toMatchObject({ percent: 100, status: 'met' });
    expect(targetProgress(1, 2016, titles.concat(titles), '2016-03-01').percent).toBe(100);
  });
});

import { randomInt, randomUUID } from 'crypto';
import {
  avoidanceRules,
  DrawCandidate,
  drawExperts,
  DrawRequest,
  EXPERTISE_FIELD_KEYS,
  EXPERTISE_FIELDS,
  isExpertiseField,
} from './expert-draw.util';

const APPLICANT = '91370211MA3C8K1X5A';
const request: DrawRequest = {
  applicantCreditCode: APPLICANT,
  today: '2026-12-07',
  workedSince: '2023-12-07',
  seats: [{ field: null, count: 3 }],
};
const candidate = (evaluatorId: string, over: Partial<DrawCandidate> = {}): DrawCandidate => ({
  evaluatorId,
  fields: ['machinery'],
  employerCreditCode: null,
  conflictCreditCodes: [],
  available: true,
  unavailableUntil: null,
  declinedForConflict: false,
  lastWorkedWithApplicant: null,
  alreadyInvited: false,
  ...over,
});
const first = () => 0;

describe('the fields of expertise', () => {
  it('holds the five Hunan fields and law/IP, each with a Chinese label', () => {
    for (const f of ['medicine', 'machinery', 'computing', 'design', 'biotechnology', 'law', 'intellectual_property'])
      expect(isExpertiseField(f)).toBe(true);
    expect(EXPERTISE_FIELDS.medicine).toBe('医药');
    for (const f of EXPERTISE_FIELD_KEYS) expect(EXPERTISE_FIELDS[f]).toMatch(/[\u4e00-\u9fff]/);
    expect(isExpertiseField('astrology')).toBe(false);
    expect(isExpertiseField('toString')).toBe(false);
  });
});

describe('avoidanceRules', () => {
  it('names every rule a candidate breaks', () => {
    expect(avoidanceRules(candidate('a'), request)).toEqual([]);
    expect(avoidanceRules(candidate('a', { employerCreditCode: APPLICANT.toLowerCase() }), request)).toEqual([
      'same_organisation',
    ]);
    expect(avoidanceRules(candidate('a', { conflictCreditCodes: ['X', APPLICANT] }), request)).toEqual([
      'declared_conflict',
    ]);
    expect(avoidanceRules(candidate('a', { declinedForConflict: true, alreadyInvited: true }), request)).toEqual([
      'declined_for_conflict',
      'already_invited',
    ]);
  });

  it('counts recent work with the applicant inside the window only', () => {
    expect(avoidanceRules(candidate('a', { lastWorkedWithApplicant: '2023-12-07' }), request)).toEqual([
      'worked_with_applicant',
    ]);
    expect(avoidanceRules(candidate('a', { lastWorkedWithApplicant: '2023-12-06' }), request)).toEqual([]);
  });

  it('treats unavailability as lasting to its date inclusive, or indefinitely without one', () => {
    expect(avoidanceRules(candidate('a', { available: false }), request)).toEqual(['unavailable']);
    expect(avoidanceRules(candidate('a', { available: false, unavailableUntil: '2026-12-07' }), request)).toEqual([
      'unavailable',
    ]);
    expect(avoidanceRules(candidate('a', { available: false, unavailableUntil: '2026-12-06' }), request)).toEqual([]);
  });
});

describe('drawExperts', () => {
  it('never draws an excluded candidate and records why each was left out', () => {
    const out = drawExperts(
      [candidate('d'), candidate('c', { employerCreditCode: APPLICANT }), candidate('b'), candidate('a')],
      request,
      first,
    );
    expect(out.excluded).toEqual([{ evaluatorId: 'c', rules: ['same_organisation'] }]);
    expect(out.eligible).toEqual(['a', 'b', 'd']);
    expect(out.drawn.map((d) => d.evaluatorId)).toEqual(['a', 'b', 'd']);
    expect(out.shortfall).toEqual([]);
  });

  it('fills field seats from that field and reports a shortfall', () => {
    const out = drawExperts(
      [candidate('a', { fields: ['law'] }), candidate('b'), candidate('c', { fields: ['law', 'machinery'] })],
      { ...request, seats: [{ field: 'law', count: 3 }] },
      first,
    );
    expect(out.drawn).toEqual([
      { evaluatorId: 'a', field: 'law' },
      { evaluatorId: 'c', field: 'law' },
    ]);
    expect(out.shortfall).toEqual([{ field: 'law', wanted: 3, drawn: 2 }]);
  });

  it('refuses a random source that answers out of range', () => {
    expect(() => drawExperts([candidate('a')], request, (n) => n)).toThrow(RangeError);
  });

  // property tests without a library (libs/domain's specs may use Node built-ins only): many random cases
  const pick = <T>(xs: readonly T[]): T => xs[randomInt(xs.length)];
  const someOf = <T>(xs: readonly T[]): T[] => xs.filter(() => randomInt(2) === 1);
  const randomCandidate = (): DrawCandidate => ({
    evaluatorId: randomUUID(),
    fields: someOf(['machinery', 'law', 'computing']),
    employerCreditCode: pick([null, APPLICANT, 'OTHER']),
    conflictCreditCodes: someOf([APPLICANT, 'OTHER']),
    available: randomInt(2) === 1,
    unavailableUntil: pick([null, '2026-12-01', '2027-01-01']),
    declinedForConflict: randomInt(4) === 0,
    lastWorkedWithApplicant: pick([null, '2020-01-01', '2025-06-01']),
    alreadyInvited: randomInt(4) === 0,
  });
  const randomCase = () => ({
    candidates: Array.from({ length: randomInt(13) }, randomCandidate),
    seats: Array.from({ length: randomInt(4) }, () => ({
      field: pick([null, 'machinery', 'law']),
      count: randomInt(5),
    })),
  });
  const CASES = 500;

  it('property: drawn experts are distinct, eligible, of their seat field, and as many as can be', () => {
    for (let n = 0; n < CASES; n++) {
      const { candidates, seats } = randomCase();
      const out = drawExperts(candidates, { ...request, seats }, (k) => randomInt(k));
      const ids = out.drawn.map((d) => d.evaluatorId);
      expect(new Set(ids).size).toBe(ids.length);
      const byId = new Map(candidates.map((c) => [c.evaluatorId, c]));
      for (const d of out.drawn) {
        const c = byId.get(d.evaluatorId)!;
        expect(avoidanceRules(c, request)).toEqual([]);
        if (d.field !== null) expect(c.fields).toContain(d.field);
      }
      expect(out.eligible.length + out.excluded.length).toBe(candidates.length);
      const wanted = seats.reduce((s, x) => s + x.count, 0);
      const missing = out.shortfall.reduce((s, x) => s + x.wanted - x.drawn, 0);
      expect(ids.length).toBe(wanted - missing);
      // a shortfall only when no eligible candidate of the seat's field was left
      for (const short of out.shortfall) {
        const left = out.eligible.filter(
          (id) => !ids.includes(id) && (short.field === null || byId.get(id)!.fields.includes(short.field)),
        );
        expect(left).toEqual([]);
      }
    }
  });

  it('property: the same random numbers replay the same draw whatever order the candidates come in', () => {
    for (let n = 0; n < CASES; n++) {
      const { candidates, seats } = randomCase();
      const numbers = Array.from({ length: 16 }, () => randomInt(1_000_000));
      const source = () => {
        let i = 0;
        return (k: number) => numbers[i++ % numbers.length] % k;
      };
      const a = drawExperts(candidates, { ...request, seats }, source());
      const b = drawExperts([...candidates].reverse(), { ...request, seats }, source());
      expect(b).toEqual(a);
    }
  });
});

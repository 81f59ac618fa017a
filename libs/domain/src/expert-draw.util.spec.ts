import fc from 'fast-check';
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

  const arbCandidate = fc.record({
    evaluatorId: fc.uuid(),
    fields: fc.subarray(['machinery', 'law', 'computing']),
    employerCreditCode: fc.constantFrom(null, APPLICANT, 'OTHER'),
    conflictCreditCodes: fc.subarray([APPLICANT, 'OTHER']),
    available: fc.boolean(),
    unavailableUntil: fc.constantFrom(null, '2026-12-01', '2027-01-01'),
    declinedForConflict: fc.boolean(),
    lastWorkedWithApplicant: fc.constantFrom(null, '2020-01-01', '2025-06-01'),
    alreadyInvited: fc.boolean(),
  });
  const arbSeats = fc.array(
    fc.record({ field: fc.constantFrom(null, 'machinery', 'law'), count: fc.integer({ min: 0, max: 4 }) }),
    { maxLength: 3 },
  );

  it('property: drawn experts are distinct, eligible, of their seat field, and as many as can be', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(arbCandidate, { selector: (c) => c.evaluatorId, maxLength: 12 }),
        arbSeats,
        fc.infiniteStream(fc.nat()),
        (candidates, seats, stream) => {
          const numbers = stream[Symbol.iterator]();
          const out = drawExperts(candidates, { ...request, seats }, (n) => numbers.next().value % n);
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
        },
      ),
    );
  });

  it('property: the same random numbers replay the same draw whatever order the candidates come in', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(arbCandidate, { selector: (c) => c.evaluatorId, maxLength: 12 }),
        fc.array(fc.nat(), { minLength: 12, maxLength: 12 }),
        (candidates, numbers) => {
          const source = () => {
            let i = 0;
            return (n: number) => numbers[i++ % numbers.length] % n;
          };
          const a = drawExperts(candidates, request, source());
          const b = drawExperts([...candidates].reverse(), request, source());
          expect(b).toEqual(a);
        },
      ),
    );
  });
});

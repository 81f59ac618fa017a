/**
 * The expert pool (专家库): the fields of expertise, and the random draw with its avoidance rules (回避), as Chinese
 * expert-review systems do it. Pure: the caller supplies the candidates' facts and the random numbers (from crypto,
 * seeded so a recorded draw can be replayed).
 */

/**
 * The fixed vocabulary of fields of expertise, with the Chinese labels people see. The first five are those the
 * Hunan notice names (医药、机械、计算机、设计、生物技术); the others are what a bureau's panels need besides.
 */
export const EXPERTISE_FIELDS = {
  medicine: '医药',
  machinery: '机械',
  computing: '计算机',
  design: '设计',
  biotechnology: '生物技术',
  new_materials: '新材料',
  chemicals: '化工',
  electronics: '电子信息',
  law: '法律',
  intellectual_property: '知识产权',
  finance_audit: '财务审计',
  management: '企业管理',
} as const;

export type ExpertiseField = keyof typeof EXPERTISE_FIELDS;

export const EXPERTISE_FIELD_KEYS = Object.keys(EXPERTISE_FIELDS) as ExpertiseField[];

export function isExpertiseField(value: unknown): value is ExpertiseField {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(EXPERTISE_FIELDS, value);
}

/** Why a candidate may not be drawn for an application; a candidate may break several. */
export type AvoidanceRule =
  /** employed by the applicant (same unified social credit code) */
  | 'same_organisation'
  /** a standing conflict declaration against the applicant's organisation */
  | 'declared_conflict'
  /** declined an earlier invitation for this applicant for a conflict */
  | 'declined_for_conflict'
  /** sat on a panel of this applicant within the avoidance window */
  | 'worked_with_applicant'
  /** marked unavailable (today is on or before the date they gave, or with no date) */
  | 'unavailable'
  /** already invited to, or on the panel of, this application */
  | 'already_invited';

export const AVOIDANCE_RULES: readonly AvoidanceRule[] = [
  'same_organisation',
  'declared_conflict',
  'declined_for_conflict',
  'worked_with_applicant',
  'unavailable',
  'already_invited',
];

/** What the draw knows of one evaluator of the programme's pool. */
export interface DrawCandidate {
  evaluatorId: string;
  fields: readonly string[];
  /** the employer's unified social credit code, if known */
  employerCreditCode: string | null;
  /** credit codes of organisations the evaluator has a standing conflict with */
  conflictCreditCodes: readonly string[];
  available: boolean;
  /** China date (YYYY-MM-DD) the unavailability lasts to, inclusive; null: until they say otherwise */
  unavailableUntil: string | null;
  /** declined an earlier invitation for this applicant for a conflict */
  declinedForConflict: boolean;
  /** the China date of their latest panel seat on this applicant's applications (other than this one), if any */
  lastWorkedWithApplicant: string | null;
  /** invited to this application (still open or accepted), or on its panel */
  alreadyInvited: boolean;
}

/** Seats to fill: `count` experts of `field`, or of any field when null. */
export interface DrawSeat {
  field: string | null;
  count: number;
}

export interface DrawRequest {
  applicantCreditCode: string;
  /** China date of the draw */
  today: string;
  /** China date: a panel seat on or after it counts as recent work with the applicant */
  workedSince: string;
  seats: readonly DrawSeat[];
}

export interface DrawOutcome {
  /** in the order drawn, with the seat's field */
  drawn: { evaluatorId: string; field: string | null }[];
  /** every candidate not eligible, with every rule it breaks (sorted by id) */
  excluded: { evaluatorId: string; rules: AvoidanceRule[] }[];
  /** the eligible candidates, sorted by id: the list the random numbers index */
  eligible: string[];
  /** seats that could not be filled */
  shortfall: { field: string | null; wanted: number; drawn: number }[];
}

/** Every avoidance rule the candidate breaks for this request (empty: may be drawn). */
export function avoidanceRules(
  c: DrawCandidate,
  r: Pick<DrawRequest, 'applicantCreditCode' | 'today' | 'workedSince'>,
): AvoidanceRule[] {
  const rules: AvoidanceRule[] = [];
  const applicant = r.applicantCreditCode.toUpperCase();
  if (c.employerCreditCode !== null && c.employerCreditCode.toUpperCase() === applicant)
    rules.push('same_organisation');
  if (c.conflictCreditCodes.some((code) => code.toUpperCase() === applicant)) rules.push('declared_conflict');
  if (c.declinedForConflict) rules.push('declined_for_conflict');
  if (c.lastWorkedWithApplicant !== null && c.lastWorkedWithApplicant >= r.workedSince)
    rules.push('worked_with_applicant');
  if (!c.available && (c.unavailableUntil === null || c.unavailableUntil >= r.today)) rules.push('unavailable');
  if (c.alreadyInvited) rules.push('already_invited');
  return rules;
}

/**
 * Draws the seats from the candidates at random, never one who breaks an avoidance rule and never one twice.
 * Deterministic given `randomInt` (a uniform integer in [0, n)): the eligible list is sorted by id and each seat
 * takes the `randomInt(k)`-th of the k still eligible for its field, so a draw replays from its recorded seed.
 * Seats are filled in the order given (give the field-specific seats first, then the any-field ones).
 */
export function drawExperts(
  candidates: readonly DrawCandidate[],
  request: DrawRequest,
  randomInt: (n: number) => number,
): DrawOutcome {
  const sorted = [...candidates].sort((a, b) =>
    a.evaluatorId < b.evaluatorId ? -1 : a.evaluatorId > b.evaluatorId ? 1 : 0,
  );
  const excluded: DrawOutcome['excluded'] = [];
  const eligible: DrawCandidate[] = [];
  for (const c of sorted) {
    const rules = avoidanceRules(c, request);
    if (rules.length) excluded.push({ evaluatorId: c.evaluatorId, rules });
    else eligible.push(c);
  }
  const taken = new Set<string>();
  const drawn: DrawOutcome['drawn'] = [];
  const shortfall: DrawOutcome['shortfall'] = [];
  for (const seat of request.seats) {
    let got = 0;
    for (let i = 0; i < seat.count; i++) {
      const pool = eligible.filter(
        (c) => !taken.has(c.evaluatorId) && (seat.field === null || c.fields.includes(seat.field)),
      );
      if (pool.length === 0) break;
      const k = randomInt(pool.length);
      if (!Number.isInteger(k) || k < 0 || k >= pool.length)
        throw new RangeError(`randomInt(${pool.length}) answered ${k}, outside 0..${pool.length - 1}`);
      const chosen = pool[k];
      taken.add(chosen.evaluatorId);
      drawn.push({ evaluatorId: chosen.evaluatorId, field: seat.field });
      got += 1;
    }
    if (got < seat.count) shortfall.push({ field: seat.field, wanted: seat.count, drawn: got });
  }
  return { drawn, excluded, eligible: eligible.map((c) => c.evaluatorId), shortfall };
}

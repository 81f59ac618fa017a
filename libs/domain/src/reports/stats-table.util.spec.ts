import { DomainError, DomainErrorCode } from '../domain-error';
import {
  type ActivityFacts,
  ActivityKind as K,
  cellOf,
  computeTable,
  filingStatus,
  isWithinPeriod,
  kindsOf,
  MediaLevel,
  provinceOfPath,
  type TemplateRow,
  validateEditionSchedule,
  validateTemplate,
} from './stats-table.util';

const ROWS: TemplateRow[] = [
  {
    number: 1,
    cells: [
      {
        key: '1',
        label: '宣传活动',
        unit: '场次',
        rule: { source: 'activities', kinds: [K.Publicity], measure: 'count' },
      },
      {
        key: '1.e',
        label: '参与企业',
        unit: '家',
        rule: { source: 'activities', kinds: [K.Publicity], measure: 'enterprises' },
      },
    ],
  },
  { number: 2, cells: [{ key: '2', label: '诉求', unit: '个', rule: { source: 'requests', measure: 'closed' } }] },
  {
    number: 3,
    cells: [
      {
        key: '3',
        label: '报道',
        unit: '篇',
        rule: { source: 'activities', kinds: [K.PublicityReport], measure: 'quantity' },
      },
      {
        key: '3.c',
        label: '其中,中央媒体',
        unit: '篇',
        rule: {
          source: 'activities',
          kinds: [K.PublicityReport],
          measure: 'quantity',
          mediaLevels: [MediaLevel.Central],
        },
      },
    ],
  },
];

const act = (kind: K, o: Partial<ActivityFacts> = {}): ActivityFacts => ({
  id: Math.random().toString(36),
  kind,
  enterprises: 0,
  participants: 0,
  materials: 0,
  quantity: 0,
  mediaLevel: null,
  ...o,
});

describe('the statistics table', () => {
  it('sums each cell over the activities its rule names, and counts closed requests', () => {
    const values = computeTable(
      ROWS,
      [
        act(K.Publicity, { enterprises: 10 }),
        act(K.Publicity, { enterprises: 5 }),
        act(K.PublicityReport, { quantity: 3, mediaLevel: MediaLevel.Central }),
        act(K.PublicityReport, { quantity: 4, mediaLevel: MediaLevel.Local }),
        act(K.Training, { enterprises: 99 }),
      ],
      2,
    );
    expect(values).toEqual({ '1': 2, '1.e': 15, '2': 2, '3': 7, '3.c': 3 });
  });

  it('gives every cell a value, 0 without activities', () => {
    expect(computeTable(ROWS, [], 0)).toEqual({ '1': 0, '1.e': 0, '2': 0, '3': 0, '3.c': 0 });
  });

  it('refuses a template with duplicate keys, gaps in the numbering or an unknown kind', () => {
    expect(() => validateTemplate(ROWS)).not.toThrow();
    const dup = [ROWS[0], { number: 2, cells: [ROWS[0].cells[0]] }];
    expect(() => validateTemplate(dup)).toThrow(expect.objectContaining({ code: DomainErrorCode.ValidationFailed }));
    expect(() => validateTemplate([{ ...ROWS[1], number: 2 }])).toThrow(/numbered/);
    const unknown = [
      { number: 1, cells: [{ ...ROWS[0].cells[0], rule: { source: 'activities', kinds: ['x'], measure: 'count' } }] },
    ];
    expect(() => validateTemplate(unknown as TemplateRow[])).toThrow(/unknown activity kind/);
  });

  it('finds a cell by key (404 naming the keys) and the kinds a template counts', () => {
    expect(cellOf(ROWS, '3.c').unit).toBe('篇');
    expect(() => cellOf(ROWS, '9')).toThrow(expect.objectContaining({ code: DomainErrorCode.NotFound }));
    expect(kindsOf(ROWS).sort()).toEqual([K.Publicity, K.PublicityReport].sort());
  });

  it('flags a filing late once the deadline passed unsubmitted, and a submission after it', () => {
    const deadline = new Date('2023-07-07T09:00:00Z');
    expect(filingStatus(deadline, null, new Date('2023-07-07T08:59:59Z'))).toBe('draft');
    expect(filingStatus(deadline, null, new Date('2023-07-07T09:00:01Z'))).toBe('late');
    expect(filingStatus(deadline, new Date('2023-07-06T02:00:00Z'), new Date('2024-01-01'))).toBe('submitted');
    expect(filingStatus(deadline, new Date('2023-07-08T02:00:00Z'), new Date('2024-01-01'))).toBe('submitted_late');
  });

  it('reads the province from a path and checks a day against the period, both ends included', () => {
    expect(provinceOfPath('/CN/370000/370200/370211/')).toBe('370000');
    expect(provinceOfPath('/CN/')).toBeNull();
    expect(isWithinPeriod('2023-06-01', '2023-06-01', '2023-06-30')).toBe(true);
    expect(isWithinPeriod('2023-06-30', '2023-06-01', '2023-06-30')).toBe(true);
    expect(isWithinPeriod('2023-07-01', '2023-06-01', '2023-06-30')).toBe(false);
  });
});

describe('validateEditionSchedule', () => {
  const existing = [
    { code: 'SM-2023', periodFrom: '2023-06-01', periodTo: '2023-06-30' },
    { code: 'SM-2026', periodFrom: '2026-06-01', periodTo: '2026-06-30' },
  ];
  const fieldOf = (f: () => void) => {
    try {
      f();
    } catch (e) {
      return (e as DomainError).details?.fields;
    }
    return undefined;
  };

  it('takes a later period with its deadline after the period', () => {
    expect(() =>
      validateEditionSchedule(
        { periodFrom: '2027-06-01', periodTo: '2027-06-30', deadline: new Date('2027-07-09T17:00:00+08:00') },
        existing,
      ),
    ).not.toThrow();
  });

  it('refuses a period ending before it starts, a deadline inside the period, and an overlap', () => {
    expect(
      fieldOf(() =>
        validateEditionSchedule(
          { periodFrom: '2027-06-30', periodTo: '2027-06-01', deadline: new Date('2027-07-09T17:00:00+08:00') },
          existing,
        ),
      ),
    ).toEqual(['periodTo']);
    expect(
      fieldOf(() =>
        validateEditionSchedule(
          { periodFrom: '2027-06-01', periodTo: '2027-06-30', deadline: new Date('2027-06-30T17:00:00+08:00') },
          existing,
        ),
      ),
    ).toEqual(['deadline']);
    expect(
      fieldOf(() =>
        validateEditionSchedule(
          { periodFrom: '2026-06-15', periodTo: '2026-07-15', deadline: new Date('2026-07-20T17:00:00+08:00') },
          existing,
        ),
      ),
    ).toEqual(['periodFrom']);
  });
});

import fc from 'fast-check';
import {
  canonicalJson,
  chainHash,
  historyDigest,
  type HistoryContent,
  historyTimestamp,
  type StoredHistoryRow,
  verifyChain,
} from './history-chain.util';

const ID = '5b7e3f5e-2f43-4d55-9b43-0c9e1e1c2a01';

function content(version: number, over: Partial<HistoryContent> = {}): HistoryContent {
  return {
    chain: 'application_history',
    aggregateId: ID,
    version,
    event: version === 1 ? 'CREATE' : 'SUBMIT',
    fromState: version === 1 ? null : 'draft',
    toState: 'preliminary_review',
    actorId: '0f3c8c1e-7a77-4a52-9d6e-3b8f8d1a0b02',
    actorRole: 'applicant',
    reason: null,
    payload: { materials: ['application_form'], n: version },
    at: historyTimestamp(new Date(Date.UTC(2026, 0, version, 8, 0, 0, 123))),
    ...over,
  };
}

/** A well-formed chain of `n` rows, as the writer would store it. */
function chainOf(n: number): StoredHistoryRow[] {
  const rows: StoredHistoryRow[] = [];
  let prev: Buffer | null = null;
  for (let v = 1; v <= n; v++) {
    const c = content(v);
    const hash = chainHash(prev, historyDigest(c));
    rows.push({ ...c, id: String(100 + v), prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

describe('canonicalJson', () => {
  it('sorts keys at every depth and leaves out no value JSON keeps', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}',
    );
  });

  it("follows JSON.stringify's rules for what jsonb receives: undefined, toJSON, non-finite numbers", () => {
    const when = new Date('2026-03-01T00:00:00.000Z');
    expect(canonicalJson({ a: undefined, b: [undefined, () => 1], c: when, d: NaN, e: -0 })).toBe(
      '{"b":[null,null],"c":"2026-03-01T00:00:00.000Z","d":null,"e":0}',
    );
  });

  it('says the same as JSON.stringify of the same value, up to key order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(JSON.parse(canonicalJson(v))).toEqual(JSON.parse(JSON.stringify(v) ?? 'null'));
        // and a re-parse does not change it (what a jsonb round trip relies on)
        expect(canonicalJson(JSON.parse(canonicalJson(v)))).toBe(canonicalJson(v));
      }),
    );
  });
});

describe('historyTimestamp', () => {
  it('is UTC with six fractional digits, as Postgres answers a timestamptz', () => {
    expect(historyTimestamp(new Date('2026-05-04T03:02:01.007+08:00'))).toBe('2026-05-03T19:02:01.007000Z');
  });

  it('refuses a missing time instead of hashing nonsense', () => {
    expect(() => historyTimestamp(undefined as unknown as Date)).toThrow(/needs its time/);
  });
});

describe('historyDigest', () => {
  it('changes with every field of the content', () => {
    const base = historyDigest(content(2));
    const changes: Partial<HistoryContent>[] = [
      { chain: 'disbursement_history' },
      { aggregateId: '5b7e3f5e-2f43-4d55-9b43-0c9e1e1c2a02' },
      { version: 3 },
      { event: 'WITHDRAW' },
      { fromState: 'recheck' },
      { toState: 'withdrawn' },
      { actorId: null },
      { actorRole: 'regulator' },
      { reason: 'x' },
      { payload: { materials: ['application_form'], n: 3 } },
      { at: '2026-01-02T08:00:00.123001Z' },
    ];
    for (const change of changes) expect(historyDigest(content(2, change)).equals(base)).toBe(false);
  });

  it('does not depend on the case of uuids nor on key order', () => {
    const a = historyDigest(
      content(2, { aggregateId: ID.toUpperCase(), payload: { n: 2, materials: ['application_form'] } }),
    );
    expect(a.equals(historyDigest(content(2)))).toBe(true);
  });
});

describe('verifyChain', () => {
  it('accepts an untouched chain and answers its head', () => {
    const rows = chainOf(4);
    expect(verifyChain('application_history', ID, rows, 4)).toEqual({
      valid: true,
      rows: 4,
      headHash: rows[3].hash!.toString('hex'),
    });
  });

  it('names a row whose content was changed', () => {
    const rows = chainOf(4);
    rows[2] = { ...rows[2], payload: { materials: [], n: 3 } };
    expect(verifyChain('application_history', ID, rows, 4).firstBrokenRow).toEqual({
      id: '103',
      version: 3,
      reason: 'the row does not match its hash: its content was changed',
    });
  });

  it('names the row after one that was changed and re-hashed', () => {
    const rows = chainOf(4);
    const changed = { ...rows[1], reason: 'rewritten' };
    rows[1] = {
      ...changed,
      hash: chainHash(changed.prevHash, historyDigest({ ...changed, chain: 'application_history', aggregateId: ID })),
    };
    expect(verifyChain('application_history', ID, rows, 4).firstBrokenRow).toEqual({
      id: '103',
      version: 3,
      reason: 'prev_hash does not match the hash of version 2',
    });
  });

  it('names the row after a removed one', () => {
    const rows = chainOf(4);
    rows.splice(1, 1);
    expect(verifyChain('application_history', ID, rows, 4).firstBrokenRow).toEqual({
      id: '103',
      version: 3,
      reason: 'version 2 is missing: the history jumps from 1 to 3',
    });
  });

  it('notices the last rows removed, against the aggregate version', () => {
    const rows = chainOf(4).slice(0, 3);
    expect(verifyChain('application_history', ID, rows, 4)).toMatchObject({
      valid: false,
      rows: 3,
      firstBrokenRow: {
        id: null,
        version: 4,
        reason: 'the history ends at version 3 but the application is at version 4',
      },
    });
  });

  it('refuses a first row that claims a predecessor', () => {
    const rows = chainOf(2);
    rows[0] = { ...rows[0], prevHash: Buffer.alloc(32) };
    expect(verifyChain('application_history', ID, rows, 2).firstBrokenRow?.reason).toBe(
      'the first row must have no prev_hash',
    );
  });
});

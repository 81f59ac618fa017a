import { CloseNoticeUseCase, MaterialFilesQueries } from '@app/accreditation';
import { BlobStorage } from '@app/platform';
import { AccreditationState as S } from '@app/domain';
import { Factories } from '@app/testing';
import { INestApplication } from '@nestjs/common';
import { Readable } from 'stream';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { GOOD_SCORES, Http, MATERIALS, TestClock, useApi } from './support/apps';

/**
 * Issue 13, items 2 and 3, through HTTP: the Qingdao ladder (a Huangdao FTZ unit designated at district level,
 * recommended by its bureau to Qingdao city, designated there after the city's own review, then recommended by the
 * city to Shandong province and designated there), the minimum and maximum of candidates per recommending bureau,
 * and a Hunan base built on three designated stations, blocked at designation when one of them is revoked.
 */
describe('the ladder: recommendation upward and bases on stations', () => {
  let api: INestApplication;
  let http: Http;
  let factories: Factories;

  useApi((s) => {
    ({ api, http } = s);
    factories = new Factories(api);
  });

  /** The application's current version, as `username` reads it. */
  async function versionOf(id: string, username: string): Promise<number> {
    return (await (await http.as(username)).get(`/applications/${id}`).expect(200)).body.version;
  }

  async function send(id: string, username: string, body: Record<string, unknown>) {
    const version = await versionOf(id, username);
    return (await http.as(username)).post(`/applications/${id}/events`, { version, ...body });
  }

  async function ok(id: string, username: string, body: Record<string, unknown>) {
    const res = await send(id, username, body);
    if (res.status !== 200)
      throw new Error(`${String(body.type)} by ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /**
   * A draft through its own review, by HTTP, up to notice_closed: submitted by its applicant, 初审 and 复核 by two
   * regulators of the programme, scored by the panel, a notice opened with the clock set back (its window has ended)
   * and closed by the use case the worker's deadline job runs.
   */
  async function reviewToNoticeClosed(
    id: string,
    people: { applicant: string; regulator: string; rechecker: string; evaluators: string[] },
  ): Promise<void> {
    await ok(id, people.applicant, { type: 'SUBMIT' });
    await ok(id, people.regulator, { type: 'PASS_PRELIMINARY' });
    await ok(id, people.rechecker, { type: 'PASS_RECHECK' });
    for (const e of people.evaluators)
      await ok(id, people.regulator, { type: 'ASSIGN_EVALUATOR', evaluatorId: await http.userId(e) });
    for (const e of people.evaluators) await ok(id, e, { type: 'SUBMIT_SCORE', scores: GOOD_SCORES });
    TestClock.shift(-30 * 86_400_000);
    try {
      await ok(id, people.regulator, { type: 'OPEN_PUBLIC_NOTICE' });
    } finally {
      TestClock.reset();
    }
    expect(await api.get(CloseNoticeUseCase).execute(id, 1)).toMatchObject({ kind: 'closed' });
  }

  async function history(id: string, username: string) {
    return (await (await http.as(username)).get(`/applications/${id}/history`).expect(200)).body as {
      event: string;
      fromState: string | null;
      toState: string;
      actorRole: string;
      payload: Record<string, unknown>;
    }[];
  }

  const qdEvaluators = ['qd-evaluator-1', 'qd-evaluator-2', 'qd-evaluator-3'];

  it('walks a Huangdao unit from district to Qingdao city to Shandong province, each level with its own review', async () => {
    const district = await factories.application(S.Designated, { applicant: 'qd-applicant', evaluators: qdEvaluators });
    const city = await http.programmeId('QD-CITY-2026');
    const province = await http.programmeId('SD-PROV-2026');

    // the applicant no longer opens an upper-level draft itself
    const refused = await (
      await http.as('qd-applicant')
    ).post('/applications', {
      programmeId: city,
      title: '自行申报市级',
      materials: MATERIALS,
    });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: 'RECOMMENDATION_ONLY', message: expect.stringMatching(/recommended/) });

    // the district bureau puts its designation on its list; both levels see the list
    const qd = await http.as('qd-regulator');
    const listed = await qd.post(`/programmes/${city}/candidates`, { applicationId: district.id }).expect(200);
    expect(listed.body).toMatchObject({
      bureauCode: '370211-FTZ',
      state: 'draft',
      minCandidates: 1,
      maxCandidates: 3,
      candidates: [
        { applicationId: district.id, status: 'listed', reference: district.reference, state: 'designated' },
      ],
    });
    const seenAbove = (await (await http.as('qdc-regulator')).get(`/programmes/${city}/candidates`).expect(200)).body;
    expect(seenAbove).toMatchObject([{ bureauCode: '370211-FTZ', state: 'draft', candidates: [{ status: 'listed' }] }]);
    // a bureau of another branch sees none of it
    expect((await (await http.as('cs-regulator')).get(`/programmes/${city}/candidates`).expect(200)).body).toEqual([]);

    // the district file's current files: application_form in a second version, and an annex the city does not ask for
    const storage = api.get(BlobStorage, { strict: false });
    const db = api.get(DataSource);
    const v2 = Buffer.from('%PDF-1.4\n% application form, second version\n%%EOF\n');
    const blob = await storage.put(Readable.from([v2]));
    await db.query(
      `INSERT INTO material_files (application_id, material_code, version, storage_key, file_name, kind, media_type,
                                   size_bytes, sha256, uploaded_by, organisation_id, uploaded_at)
       SELECT application_id, material_code, 2, $2, '申请表-修订.pdf', kind, media_type, $3, $4, uploaded_by, organisation_id, now()
         FROM material_files WHERE application_id = $1 AND material_code = 'application_form'`,
      [district.id, blob.key, blob.size, blob.sha256],
    );
    await factories.attachFiles(district.id, ['annex']);

    const submitted = (await qd.post(`/programmes/${city}/candidates/submit`).expect(200)).body;
    expect(submitted).toMatchObject({ state: 'submitted', candidates: [{ status: 'recommended' }] });
    const cityAppId: string = submitted.candidates[0].upperApplicationId;
    expect(submitted.candidates[0].upperReference).toMatch(/^QD-CITY-2026-\d{6}$/);

    // the linked application: the same unit, its materials carried over, the lower scores read-only
    const cityApp = (await (await http.as('qdc-regulator')).get(`/applications/${cityAppId}`).expect(200)).body;
    expect(cityApp).toMatchObject({
      state: 'draft',
      level: 'city',
      organisationId: district.organisationId,
      recommendedFromId: district.id,
      recommendedFrom: {
        id: district.id,
        reference: district.reference,
        level: 'district',
        state: 'designated',
        aggregateScore: '90.00',
        panelScores: ['90.00', '90.00', '90.00'],
      },
      recommendedTo: [],
    });
    // its files: the district's current file of each material the city's checklist has, the same stored bytes, as
    // the city application's own rows; the annex the city does not ask for stays below
    const cityFiles = (await (await http.as('qd-applicant')).get(`/applications/${cityAppId}/files`).expect(200)).body;
    const lowerFiles = (await (await http.as('qd-applicant')).get(`/applications/${district.id}/files`).expect(200))
      .body as {
      id: string;
      materialCode: string;
      version: number;
      sha256: string;
      sizeBytes: number;
      current: boolean;
    }[];
    const lowerCurrent = lowerFiles.filter((f) => f.current && f.materialCode !== 'annex');
    expect(cityFiles.map((f: { materialCode: string }) => f.materialCode).sort()).toEqual(
      MATERIALS.map((m) => m.key).sort(),
    );
    for (const f of lowerCurrent) {
      expect(cityFiles).toContainEqual(
        expect.objectContaining({
          applicationId: cityAppId,
          materialCode: f.materialCode,
          version: 1,
          sha256: f.sha256,
          sizeBytes: f.sizeBytes,
          carriedFromId: f.id,
        }),
      );
    }
    expect(cityFiles.find((f: { materialCode: string }) => f.materialCode === 'application_form').sha256).toBe(
      blob.sha256,
    );
    expect(cityApp.materials.map((m: { key: string }) => m.key)).toEqual(MATERIALS.map((m) => m.key));
    const carriedForm = cityFiles.find((f: { materialCode: string }) => f.materialCode === 'application_form');
    expect(cityApp.materials[0]).toMatchObject({ key: 'application_form', reference: `file:${carriedForm.id}` });
    const download = await request(http.server)
      .get(`/applications/${cityAppId}/materials/application_form/files/current`)
      .set(await http.auth('qd-applicant'))
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect((download.body as Buffer).equals(v2)).toBe(true);
    expect(download.headers.etag).toBe(`"${blob.sha256}"`);
    const created = (await history(cityAppId, 'qdc-regulator'))[0];
    expect(created.payload.carriedFiles).toContainEqual(
      expect.objectContaining({ materialCode: 'application_form', fromVersion: 2, sha256: blob.sha256 }),
    );
    // the blob both rows name survives the orphan sweep
    expect(await api.get(MaterialFilesQueries).sweepOrphans(0)).not.toContain(blob.key);

    const lowerView = (await qd.get(`/applications/${district.id}`).expect(200)).body;
    expect(lowerView.recommendedTo).toMatchObject([{ id: cityAppId, programmeCode: 'QD-CITY-2026', level: 'city' }]);

    // the city runs its own review with the normal machine; the applicant submits without uploading again
    await reviewToNoticeClosed(cityAppId, {
      applicant: 'qd-applicant',
      regulator: 'qdc-regulator',
      rechecker: 'qdc-regulator-2',
      evaluators: qdEvaluators,
    });
    await ok(cityAppId, 'qdc-regulator', { type: 'DESIGNATE' });

    // then the city bureau recommends its designation to the province
    const qdc = await http.as('qdc-regulator');
    await qdc.post(`/programmes/${province}/candidates`, { applicationId: cityAppId }).expect(200);
    const toProvince = (await qdc.post(`/programmes/${province}/candidates/submit`).expect(200)).body;
    const provinceAppId: string = toProvince.candidates[0].upperApplicationId;
    await reviewToNoticeClosed(provinceAppId, {
      applicant: 'qd-applicant',
      regulator: 'sd-regulator',
      rechecker: 'sd-regulator-2',
      evaluators: qdEvaluators,
    });
    await ok(provinceAppId, 'sd-regulator', { type: 'DESIGNATE' });
    const provinceApp = (await (await http.as('qd-applicant')).get(`/applications/${provinceAppId}`).expect(200)).body;
    expect(provinceApp).toMatchObject({
      state: 'designated',
      level: 'province',
      recommendedFrom: { id: cityAppId, level: 'city', programmeCode: 'QD-CITY-2026' },
    });

    // every history shows its links: "recommended to …" below, "recommended by …" above
    const districtRows = await history(district.id, 'qd-regulator');
    expect(districtRows.at(-1)).toMatchObject({
      event: 'RECOMMENDED_UPWARD',
      fromState: 'designated',
      toState: 'designated',
      actorRole: 'regulator',
      payload: { recommendedTo: { applicationId: cityAppId, programmeCode: 'QD-CITY-2026', level: 'city' } },
    });
    const cityRows = await history(cityAppId, 'qdc-regulator');
    expect(cityRows[0]).toMatchObject({
      event: 'CREATE',
      toState: 'draft',
      actorRole: 'regulator',
      payload: {
        recommendedBy: { applicationId: district.id, reference: district.reference, bureauCode: '370211-FTZ' },
      },
    });
    expect(cityRows.map((r) => r.event)).toEqual(
      expect.arrayContaining(['SUBMIT', 'PASS_PRELIMINARY', 'PASS_RECHECK', 'CLOSE_NOTICE', 'DESIGNATE']),
    );
    expect(cityRows.at(-1)).toMatchObject({
      event: 'RECOMMENDED_UPWARD',
      payload: { recommendedTo: { applicationId: provinceAppId, programmeCode: 'SD-PROV-2026' } },
    });
    expect((await history(provinceAppId, 'sd-regulator'))[0]).toMatchObject({
      event: 'CREATE',
      payload: { recommendedBy: { applicationId: cityAppId, bureauCode: '370200' } },
    });

    // a designation is recommended to a programme once, and the province takes no applicant's draft either
    const again = await (
      await http.as('qd-regulator')
    ).post(`/programmes/${city}/candidates`, {
      applicationId: district.id,
    });
    expect(again.status).toBe(422); // the list was submitted
    expect(again.body.error).toBe('GUARD_FAILED');
  }, 120_000);

  it('keeps a list between the minimum and the maximum per recommending bureau, under concurrency too', async () => {
    await factories.programme('QD-CITY-T', 'qdc-regulator', {
      jurisdictionCode: '370200',
      level: 'city' as never,
      intake: 'recommendation' as never,
      minCandidates: 2,
      maxCandidates: 2,
    });
    const programme = await http.programmeId('QD-CITY-T');
    const units = [
      await factories.application(S.Designated, { applicant: 'qd-applicant', evaluators: qdEvaluators }),
      await factories.application(S.Designated, { applicant: 'qd-applicant-2', evaluators: qdEvaluators }),
      await factories.application(S.Designated, {
        applicant: (await factories.applicant('qd', 1)).username,
        evaluators: qdEvaluators,
      }),
    ];
    const qd = await http.as('qd-regulator');

    // three at once against a maximum of two: the list row counts them one at a time
    const answers = await Promise.all(
      units.map((u) => qd.post(`/programmes/${programme}/candidates`, { applicationId: u.id })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 422]);
    const over = answers.find((a) => a.status === 422)!;
    expect(over.body).toMatchObject({ error: 'CANDIDATE_LIMIT', listed: 2, maxCandidates: 2 });

    // withdrawn before submission, the list is below the minimum and cannot be submitted
    const list = (await qd.get(`/programmes/${programme}/candidates/mine`).expect(200)).body;
    const listedIds = list.candidates.map((c: { id: string }) => c.id);
    expect(listedIds).toHaveLength(2);
    const afterWithdraw = (
      await qd
        .post(`/programmes/${programme}/candidates/${listedIds[0]}/withdraw`, { reason: '企业申请暂缓' })
        .expect(200)
    ).body;
    expect(afterWithdraw.candidates[0]).toMatchObject({ status: 'withdrawn', withdrawReason: '企业申请暂缓' });
    const short = await qd.post(`/programmes/${programme}/candidates/submit`);
    expect(short.status).toBe(422);
    expect(short.body).toMatchObject({ error: 'CANDIDATE_LIMIT', listed: 1, minCandidates: 2 });
    expect(short.body.message).toMatch(/at least 2/);

    // the third unit takes the freed place; the list goes up as a whole
    const missing = units.find(
      (u) => !list.candidates.some((c: { applicationId: string }) => c.applicationId === u.id),
    )!;
    await qd.post(`/programmes/${programme}/candidates`, { applicationId: missing.id }).expect(200);
    const done = (await qd.post(`/programmes/${programme}/candidates/submit`).expect(200)).body;
    expect(done.candidates.map((c: { status: string }) => c.status).sort()).toEqual([
      'recommended',
      'recommended',
      'withdrawn',
    ]);
    // a withdrawal after submission is refused
    const late = await qd.post(`/programmes/${programme}/candidates/${done.candidates[1].id}/withdraw`, {});
    expect(late.status).toBe(422);

    // a candidate must be designated, in the bureau's jurisdiction, below the programme's level
    const cs = await factories.application(S.Designated, { applicant: 'cs-applicant', programme: 'HNFTZ-CS-2026' });
    const outside = await qd.post(`/programmes/${programme}/candidates`, { applicationId: cs.id });
    expect(outside.status).toBe(400);
    expect(outside.body.message).toMatch(/no designation .* in your jurisdiction/);
    const notBelow = await (
      await http.as('cs-regulator')
    ).post(`/programmes/${programme}/candidates`, {
      applicationId: cs.id,
    });
    expect(notBelow.status).toBe(422);
    expect(notBelow.body).toMatchObject({ error: 'NOT_ELIGIBLE', rule: 'bureau_below_programme' });
  }, 120_000);

  it('builds a base on three designated stations, shows them, and blocks designation when one is revoked', async () => {
    const hnEvaluators = ['cs-evaluator'];
    const stations = [];
    for (const park of ['hn-cs-park', 'hn-yy-park', 'hn-cz-park'])
      stations.push(
        await factories.application(S.Designated, {
          applicant: park,
          programme: 'HN-STATION-2026',
          evaluators: hnEvaluators,
        }),
      );
    const base = await http.programmeId('HN-BASES-2026');
    const cs = await http.as('cs-applicant');

    const two = await cs.post('/applications', {
      programmeId: base,
      title: '长沙片区商业秘密保护示范基地',
      materials: MATERIALS,
      stationIds: stations.slice(0, 2).map((s) => s.id),
    });
    expect(two.status).toBe(400);
    expect(two.body).toMatchObject({ error: 'VALIDATION_FAILED', fields: ['stationIds'], minStations: 3 });
    expect(two.body.message).toMatch(/at least 3/);

    const created = await cs
      .post('/applications', {
        programmeId: base,
        title: '长沙片区商业秘密保护示范基地',
        materials: MATERIALS,
        stationIds: stations.map((s) => s.id),
      })
      .expect(201);
    const baseId: string = created.body.id;
    const shown = (await (await http.as('hn-regulator')).get(`/applications/${baseId}`).expect(200)).body;
    expect(shown.stations).toEqual(
      stations.map((s) =>
        expect.objectContaining({ id: s.id, reference: s.reference, state: 'designated', validUntil: s.validUntil }),
      ),
    );
    await factories.attachFiles(
      baseId,
      MATERIALS.map((m) => m.key),
    );
    await reviewToNoticeClosed(baseId, {
      applicant: 'cs-applicant',
      regulator: 'hn-regulator',
      rechecker: 'hn-regulator-2',
      evaluators: hnEvaluators,
    });
    await ok(baseId, 'hn-regulator', { type: 'DESIGNATE' });

    // a second base on the same stations: one of them is revoked while it is under review
    const other = await factories.applicant('cs', 2);
    const second = await (
      await http.as(other.username)
    )
      .post('/applications', {
        programmeId: base,
        title: '长沙片区第二示范基地',
        materials: MATERIALS,
        stationIds: stations.map((s) => s.id),
      })
      .expect(201);
    await factories.attachFiles(
      second.body.id,
      MATERIALS.map((m) => m.key),
    );
    await reviewToNoticeClosed(second.body.id, {
      applicant: other.username,
      regulator: 'hn-regulator',
      rechecker: 'hn-regulator-2',
      evaluators: hnEvaluators,
    });
    await ok(stations[1].id, 'hn-regulator', { type: 'REVOKE', reason: '站点管理制度未落实' });

    const blocked = await send(second.body.id, 'hn-regulator', { type: 'DESIGNATE' });
    expect(blocked.status).toBe(422);
    expect(blocked.body).toMatchObject({
      error: 'STATION_NOT_VALID',
      message: expect.stringContaining(`station ${stations[1].reference} the base is built on is revoked`),
    });
    const after = (await (await http.as('hn-regulator')).get(`/applications/${second.body.id}`).expect(200)).body;
    expect(after.state).toBe('notice_closed');
    expect(after.stations[1]).toMatchObject({ id: stations[1].id, state: 'revoked' });
  }, 120_000);
});

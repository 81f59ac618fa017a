import { AccreditationState as S, JurisdictionLevel, UnitKind } from '@app/domain';
import { Factories } from '@app/testing';
import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { DataSource } from 'typeorm';
import { Flow, Http, MATERIALS, recordOf, useApi } from './support/apps';

/**
 * Who and what may take part: a base stands on designated, valid stations of its programme's jurisdiction, and
 * evaluators come from the programme's expert pool (its line of jurisdictions, or invited).
 */
describe('eligibility', () => {
  // several applications driven through the engine, or statements of megabytes: slow on a loaded machine
  jest.setTimeout(60_000);
  let api: INestApplication;
  let http: Http;
  let factories: Factories;

  useApi((s) => {
    ({ api, http } = s);
    factories = new Factories(api);
  });

  describe('the stations of a demonstration base', () => {
    /** A Hunan station of a new Changsha enterprise, driven to `state`. */
    const hunanStation = async (n: number, state: S) => {
      const { username } = await factories.applicant('cs', n);
      return factories.application(state, { programme: 'HN-STATION-2026', applicant: username, title: `站点 ${n}` });
    };

    it('takes designated, valid stations in the programme jurisdiction, and the application shows them', async () => {
      const good = await hunanStation(1, S.Designated);
      const other = await hunanStation(2, S.Designated);
      const revoked = await hunanStation(3, S.Revoked);
      const pending = await hunanStation(4, S.PublicNotice);
      const lapsed = await hunanStation(5, S.Designated);
      // a title that lapsed yesterday
      await api
        .get(DataSource)
        .query(`UPDATE applications SET valid_until = (now() AT TIME ZONE 'Asia/Shanghai')::date - 1 WHERE id = $1`, [
          lapsed.id,
        ]);
      await factories.programme('QD-STATION-2026', 'qd-regulator', { unitKind: UnitKind.Station });
      const qingdao = await factories.application(S.Designated, { programme: 'QD-STATION-2026' });
      const base = await factories.programme('HN-BASE-2026', 'hn-regulator', {
        unitKind: UnitKind.Base,
        level: JurisdictionLevel.Province,
      });
      const { username } = await factories.applicant('cs', 9);
      const applicant = await http.as(username);
      const apply = (stationIds: unknown) =>
        applicant.post('/applications', {
          programmeId: base.id,
          title: '湖南示范基地',
          materials: MATERIALS,
          stationIds,
        });

      const refusals: [string[], string][] = [
        [[good.id, qingdao.id], 'station_in_jurisdiction'],
        [[good.id, revoked.id], 'station_designated'],
        [[pending.id], 'station_designated'],
        [[lapsed.id, good.id], 'station_valid'],
      ];
      for (const [ids, rule] of refusals) {
        const res = await apply(ids);
        expect({ ids, status: res.status, error: res.body.error, rule: res.body.rule }).toEqual({
          ids,
          status: 422,
          error: 'NOT_ELIGIBLE',
          rule,
        });
        expect(res.body.fields).toEqual(['stationIds']);
      }
      const named = await apply([qingdao.id, revoked.id, lapsed.id]);
      expect(named.body.stations).toEqual([
        { id: qingdao.id, reference: qingdao.reference, rule: 'station_in_jurisdiction' },
        { id: revoked.id, reference: revoked.reference, rule: 'station_designated' },
        { id: lapsed.id, reference: lapsed.reference, rule: 'station_valid' },
      ]);
      expect(named.body.message).toContain(`station ${lapsed.reference} is no longer valid`);

      for (const [ids, message] of [
        [[], /must list one or more/],
        [[good.id, good.id], /lists a station twice/],
        [[randomUUID()], /^stationIds: no station /],
        [['not-a-uuid'], /stationIds/],
      ] as const) {
        const res = await apply(ids);
        expect({ ids, status: res.status, message: res.body.message }).toEqual({
          ids,
          status: 400,
          message: expect.stringMatching(message),
        });
      }
      expect(
        await api
          .get(DataSource)
          .query(`SELECT count(*)::int AS n FROM applications WHERE programme_id = $1`, [base.id]),
      ).toEqual([{ n: 0 }]);

      const created = await apply([good.id, other.id]);
      expect(created.status).toBe(201);
      const detail = await applicant.get(`/applications/${created.body.id}`).expect(200);
      expect(detail.body.stations).toEqual(
        [good, other].map((s) => ({
          id: s.id,
          reference: s.reference,
          title: s.title,
          organisationName: expect.stringMatching(/^长沙测试企业[12]有限公司$/),
          jurisdictionCode: '430100-FTZ',
          level: 'province',
          state: 'designated',
          validUntil: s.validUntil,
        })),
      );
      const regulator = await (await http.as('hn-regulator')).get(`/applications/${created.body.id}`).expect(200);
      expect(regulator.body.stations.map((s: { id: string }) => s.id)).toEqual([good.id, other.id]);
      // other kinds show none
      const flow = await Flow.create(http);
      expect((await flow.detail()).stations).toEqual([]);
    });
  });

  describe("the programme's expert pool", () => {
    it('refuses an evaluator of another branch (a Hunan expert for Qingdao), who then cannot read the application', async () => {
      const flow = await Flow.create(http);
      await flow.toAcceptance();
      const hunan = await http.userId('cs-evaluator');
      const before = await recordOf(api, flow.id);
      const res = await flow.send('qd-regulator', { type: 'ASSIGN_EVALUATOR', evaluatorId: hunan });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ error: 'NOT_ELIGIBLE', rule: 'expert_pool', fields: ['evaluatorId'] });
      expect(res.body.message).toMatch(/cs-evaluator \(430000\) is not in the expert pool of QDFTZ-2026/);
      const viaPanel = await (
        await http.as('qd-regulator')
      ).post(`/applications/${flow.id}/evaluators`, {
        evaluatorId: hunan,
        version: flow.version,
      });
      expect(viaPanel.status).toBe(422);
      expect(await recordOf(api, flow.id)).toEqual(before);
      expect((await (await http.as('cs-evaluator')).get(`/applications/${flow.id}`)).status).toBe(404);
      // Qingdao city's experts serve the FTZ programme below it
      await flow.ok('qd-regulator', { type: 'ASSIGN_EVALUATOR', evaluatorId: await http.userId('qd-evaluator-1') });
    });

    it('lists the pool to its regulators and takes an invited evaluator from elsewhere', async () => {
      const programmeId = await http.programmeId('QDFTZ-2026');
      const regulator = await http.as('qd-regulator');
      const pool = await regulator.get(`/programmes/${programmeId}/experts`).expect(200);
      expect(pool.body.map((e: { username: string; source: string }) => [e.username, e.source])).toEqual([
        ['qd-evaluator-1', 'jurisdiction'],
        ['qd-evaluator-2', 'jurisdiction'],
        ['qd-evaluator-3', 'jurisdiction'],
        ['qd-evaluator-4', 'jurisdiction'],
        ['qd-evaluator-5', 'jurisdiction'],
        ['qd-evaluator-6', 'jurisdiction'],
      ]);
      for (const user of ['cs-regulator', 'hn-regulator']) {
        const res = await (await http.as(user)).get(`/programmes/${programmeId}/experts`);
        expect({ user, status: res.status }).toEqual({ user, status: 403 });
      }
      for (const user of ['qd-applicant', 'qd-evaluator-1', 'qd-finance']) {
        const res = await (
          await http.as(user)
        ).post(`/programmes/${programmeId}/experts`, { evaluatorId: randomUUID() });
        expect({ user, status: res.status }).toEqual({ user, status: 403 });
      }
      expect((await regulator.get(`/programmes/${randomUUID()}/experts`)).status).toBe(404);
      expect((await regulator.get(`/programmes/nope/experts`)).status).toBe(400);
      const notEvaluator = await regulator.post(`/programmes/${programmeId}/experts`, {
        evaluatorId: await http.userId('qd-applicant'),
      });
      expect(notEvaluator.status).toBe(400);
      expect(notEvaluator.body.fields).toEqual(['evaluatorId']);

      const hunan = await http.userId('cs-evaluator');
      const invited = await regulator.post(`/programmes/${programmeId}/experts`, { evaluatorId: hunan });
      expect(invited.status).toBe(201);
      expect(invited.body).toMatchObject({
        id: hunan,
        username: 'cs-evaluator',
        jurisdictionCode: '430000',
        source: 'invited',
        invitedBy: await http.userId('qd-regulator'),
      });
      // inviting again changes nothing
      expect((await regulator.post(`/programmes/${programmeId}/experts`, { evaluatorId: hunan })).body).toEqual(
        invited.body,
      );
      const after = await regulator.get(`/programmes/${programmeId}/experts`).expect(200);
      expect(after.body.map((e: { username: string }) => e.username)).toContain('cs-evaluator');

      const flow = await Flow.create(http);
      await flow.toAcceptance();
      await flow.ok('qd-regulator', { type: 'ASSIGN_EVALUATOR', evaluatorId: hunan });
      expect((await (await http.as('cs-evaluator')).get(`/applications/${flow.id}`)).status).toBe(200);
    });
  });
});

import { DomainErrorCode, JurisdictionLevel, type Principal, Role, UnitKind } from '@app/domain';
import { QINGDAO_RUBRIC } from '@app/seed';
import { resetDatabase, startContexts } from '@app/testing';
import { INestApplicationContext } from '@nestjs/common';
import { CalendarQueries } from './calendar.queries';
import { CreateProgrammeUseCase } from './create-programme.usecase';
import { JurisdictionQueries } from './jurisdiction.queries';
import { LoadCalendarYearUseCase } from './load-calendar-year.usecase';
import { ProgrammeQueries } from './programme.queries';
import { WorkingCalendarService } from './working-calendar.service';

/** The programmes context without HTTP: the jurisdiction tree, programmes in a regulator's scope, the calendar. */
describe('programmes context', () => {
  let app: INestApplicationContext;
  let jurisdictions: JurisdictionQueries;

  beforeAll(async () => {
    app = await startContexts();
    jurisdictions = app.get(JurisdictionQueries);
  });
  beforeEach(async () => {
    await resetDatabase(app);
    app.get(WorkingCalendarService).invalidate();
  });
  afterAll(() => app.close());

  const regulatorOf = async (code: string): Promise<Principal> => ({
    id: '00000000-0000-4000-8000-000000000001',
    role: Role.Regulator,
    username: 'test-regulator',
    jurisdictionCode: code,
    jurisdictionPath: (await jurisdictions.get(code)).path,
    organisationId: null,
  });

  describe('jurisdictions', () => {
    it('lists the tree parent before subtree, and reads one with its direct children', async () => {
      const all = await jurisdictions.list();
      expect(all[0]).toMatchObject({ code: 'CN', parentCode: null, path: '/CN/' });
      expect(all.map((j) => j.path)).toEqual([...all.map((j) => j.path)].sort());
      const qingdao = await jurisdictions.get('370200');
      expect(qingdao).toMatchObject({ code: '370200', level: JurisdictionLevel.City, path: '/CN/370000/370200/' });
      expect(qingdao.children.map((c) => c.code)).toEqual(['370211']);
      for (const child of qingdao.children) expect(child.path.startsWith(qingdao.path)).toBe(true);
    });

    it('answers 404 for an unknown code', async () => {
      await expect(jurisdictions.get('999999')).rejects.toMatchObject({
        code: DomainErrorCode.NotFound,
        message: 'jurisdiction 999999 not found',
      });
    });
  });

  describe('programmes', () => {
    const input = (jurisdictionCode: string, code = 'QDFTZ-2027') => ({
      code,
      name: '2027年度青岛自贸片区商业秘密保护示范单位',
      jurisdictionCode,
      unitKind: UnitKind.Enterprise,
      level: JurisdictionLevel.District,
      year: 2027,
      rubric: QINGDAO_RUBRIC,
      panelSize: 3,
      requiredMaterials: ['application_form'],
      noticeWorkingDays: 5,
    });

    it('lists the newest year first and reads one by id; 404 for an unknown id', async () => {
      const programmes = app.get(ProgrammeQueries);
      const all = await programmes.list();
      expect(all.map((p) => p.code)).toContain('QDFTZ-2026');
      expect(all.map((p) => p.year)).toEqual([...all.map((p) => p.year)].sort((a, b) => b - a));
      const one = all.find((p) => p.code === 'QDFTZ-2026')!;
      await expect(programmes.get(one.id)).resolves.toMatchObject({
        code: 'QDFTZ-2026',
        jurisdictionCode: one.jurisdictionCode,
      });
      await expect(programmes.get('00000000-0000-4000-8000-00000000dead')).rejects.toMatchObject({
        code: DomainErrorCode.NotFound,
      });
    });

    it('a regulator opens one in their jurisdiction or below, not outside it', async () => {
      const create = app.get(CreateProgrammeUseCase);
      const qd = await regulatorOf('370211-FTZ');
      const created = await create.execute(qd, input('370211-FTZ'));
      expect(created).toMatchObject({
        code: 'QDFTZ-2027',
        quota: null,
        validityYears: null,
        applicationSeq: 0,
        machineVersion: expect.any(String),
      });
      await expect(app.get(ProgrammeQueries).get(created.id)).resolves.toMatchObject({ code: 'QDFTZ-2027' });
      await expect(create.execute(qd, input('430100-FTZ', 'CSFTZ-2027'))).rejects.toMatchObject({
        code: DomainErrorCode.Forbidden,
      });
      await expect(create.execute(await regulatorOf('370000'), input('370211-FTZ', 'SD-2027'))).resolves.toMatchObject({
        code: 'SD-2027',
      });
    });

    it('refuses a rubric whose weights do not add up and an unknown jurisdiction, naming the field', async () => {
      const create = app.get(CreateProgrammeUseCase);
      const qd = await regulatorOf('370211-FTZ');
      const lopsided = { ...QINGDAO_RUBRIC, dimensions: QINGDAO_RUBRIC.dimensions.map((d) => ({ ...d, weight: 10 })) };
      await expect(create.execute(qd, { ...input('370211-FTZ'), rubric: lopsided })).rejects.toMatchObject({
        code: DomainErrorCode.ValidationFailed,
        details: { fields: ['rubric'] },
      });
      await expect(create.execute(qd, input('000000'))).rejects.toMatchObject({
        code: DomainErrorCode.ValidationFailed,
        details: { fields: ['jurisdictionCode'] },
      });
      expect((await app.get(ProgrammeQueries).list()).map((p) => p.code)).not.toContain('QDFTZ-2027');
    });
  });

  describe('the working-day calendar', () => {
    const admin: Principal = {
      id: null,
      role: Role.Admin,
      username: 'admin',
      jurisdictionCode: 'CN',
      jurisdictionPath: '/CN/',
      organisationId: null,
    };
    // 2027-09-30 is a Thursday; the National Day holiday then runs Fri 1 to Thu 7 October, Sat 9 October is worked
    const openedAt = new Date('2027-09-30T04:00:00Z');
    const nationalDay = {
      source: '国务院办公厅关于2027年部分节假日安排的通知 (test)',
      days: [
        ...['01', '02', '03', '04', '05', '06', '07'].map((d) => ({
          date: `2027-10-${d}`,
          kind: 'holiday' as const,
          name: '国庆节',
        })),
        { date: '2027-10-09', kind: 'workday' as const },
      ],
    };

    it('counts weekends only in a year without a schedule, and says so', async () => {
      expect(await app.get(CalendarQueries).year(2027)).toMatchObject({
        year: 2027,
        scheduled: false,
        source: null,
        days: [],
      });
      const window = (await app.get(WorkingCalendarService).calendar()).noticeWindow(openedAt, 3);
      expect(window).toMatchObject({ firstDay: '2027-10-01', lastDay: '2027-10-05', unscheduledYears: [2027] });
    });

    it("loads a year's schedule, and the notice window skips its holidays and counts its make-up day at once", async () => {
      const working = app.get(WorkingCalendarService);
      await working.calendar(); // cached before the load: the load must invalidate it
      const loaded = await app.get(LoadCalendarYearUseCase).execute(admin, 2027, nationalDay);
      expect(loaded).toMatchObject({ year: 2027, scheduled: true, source: nationalDay.source, note: null });
      expect(loaded.days).toHaveLength(8);
      expect(loaded.days[7]).toEqual({ date: '2027-10-09', kind: 'workday', name: null });
      const window = (await working.calendar()).noticeWindow(openedAt, 3);
      expect(window).toMatchObject({
        opensOn: '2027-09-30',
        firstDay: '2027-10-08',
        lastDay: '2027-10-11',
        unscheduledYears: [],
      });
      expect(window.endsAt.toISOString()).toBe('2027-10-11T16:00:00.000Z');
    });

    it('refuses days that are not real dates of that year, naming the field, and changes nothing', async () => {
      const load = app.get(LoadCalendarYearUseCase);
      for (const date of ['2027-02-30', '2028-01-01']) {
        await expect(
          load.execute(admin, 2027, { source: 'test', days: [{ date, kind: 'holiday' }] }),
        ).rejects.toMatchObject({
          code: DomainErrorCode.ValidationFailed,
          details: { fields: ['days'] },
        });
      }
      expect(await app.get(CalendarQueries).year(2027)).toMatchObject({ scheduled: false, days: [] });
    });
  });
});

import '@app/testing/test-env';
import {
  ACCREDITATION_MACHINE_VERSION,
  accreditationMachine,
  type AccreditationMachines,
  AccreditationState as S,
  DomainErrorCode,
  registerAccreditationMachine,
} from '@app/domain';
import { ProgrammeEntity } from '@app/programmes';
import { Factories, resetDatabase, startContexts, TestClock } from '@app/testing';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createMachine } from 'xstate';
import { ApplicationHistoryChain } from './application-history.chain';
import { MigrateApplicationsUseCase } from './migrate-applications.usecase';

/**
 * A machine version that only exists here: the states of today's machine but acceptance (验收), as a future version
 * that replaced the panel step might look, with no transitions (nothing here sends it events). The product has no
 * second version yet; the use case takes the map it moves within, so the move is tested against this one, registered
 * with the engine for this spec's process only.
 */
const WITHOUT_ACCEPTANCE = 'accreditation@t-no-acceptance';
const testMachine = createMachine({
  id: 'accreditation',
  initial: S.Draft,
  context: accreditationMachine.config.context,
  states: Object.fromEntries(
    Object.keys(accreditationMachine.states)
      .filter((s) => s !== S.Acceptance)
      .map((s) => [s, {}]),
  ),
}) as unknown as typeof accreditationMachine;
const MACHINES: AccreditationMachines = {
  [ACCREDITATION_MACHINE_VERSION]: accreditationMachine,
  [WITHOUT_ACCEPTANCE]: testMachine,
};

describe('migrate-applications (use case, no HTTP)', () => {
  let app: INestApplicationContext;
  let db: DataSource;
  let make: Factories;
  let migrate: MigrateApplicationsUseCase;

  beforeAll(async () => {
    registerAccreditationMachine(WITHOUT_ACCEPTANCE, testMachine);
    app = await startContexts();
    db = app.get(DataSource);
    make = new Factories(app);
    migrate = app.get(MigrateApplicationsUseCase);
  });
  beforeEach(async () => {
    await resetDatabase(app);
    TestClock.reset();
  });
  afterAll(async () => {
    TestClock.reset();
    await app?.close();
  });

  /** Each application's row and history as they stand. */
  const rows = () =>
    db.query<{ reference: string; state: S; version: number; snapshot: { machineVersion: string }; history: number }[]>(
      `SELECT a.reference, a.state, a.version, a.snapshot,
              (SELECT count(*)::int FROM application_history h WHERE h.application_id = a.id) AS history
         FROM applications a ORDER BY a.reference`,
    );

  async function threeRunning() {
    const draft = await make.draft('qd-applicant');
    const recheck = await make.application(S.Recheck, { applicant: (await make.applicant('qd', 1)).username });
    const acceptance = await make.application(S.Acceptance, { applicant: (await make.applicant('qd', 2)).username });
    return { draft, recheck, acceptance };
  }

  it('in a dry run lists what it would move and what it cannot, and writes nothing', async () => {
    const { draft, recheck, acceptance } = await threeRunning();
    const before = await rows();

    const report = await migrate.execute(
      { programmeCode: 'QDFTZ-2026', toMachineVersion: WITHOUT_ACCEPTANCE, dryRun: true },
      MACHINES,
    );

    expect(report).toMatchObject({ programme: 'QDFTZ-2026', toMachineVersion: WITHOUT_ACCEPTANCE, dryRun: true });
    expect(report.moved.map((m) => [m.reference, m.state, m.fromMachineVersion]).sort()).toEqual(
      [
        [draft.reference, S.Draft, ACCREDITATION_MACHINE_VERSION],
        [recheck.reference, S.Recheck, ACCREDITATION_MACHINE_VERSION],
      ].sort(),
    );
    expect(report.cannot).toEqual([
      {
        id: acceptance.id,
        reference: acceptance.reference,
        state: S.Acceptance,
        fromMachineVersion: ACCREDITATION_MACHINE_VERSION,
        reason: `state acceptance does not exist in ${WITHOUT_ACCEPTANCE}`,
      },
    ]);
    expect(await rows()).toEqual(before);
  });

  it('moves what it can with a history row each, leaves the rest, and a second run is a no-op', async () => {
    const { draft, recheck, acceptance } = await threeRunning();
    const before = new Map((await rows()).map((r) => [r.reference, r]));
    const snapshotsBefore = new Map(
      (await db.query<{ id: string; snapshot: object }[]>('SELECT id, snapshot FROM applications')).map((r) => [
        r.id,
        r.snapshot,
      ]),
    );

    const first = await migrate.execute(
      { programmeCode: 'QDFTZ-2026', toMachineVersion: WITHOUT_ACCEPTANCE, dryRun: false },
      MACHINES,
    );
    expect(first.moved.map((m) => m.reference).sort()).toEqual([draft.reference, recheck.reference].sort());
    expect(first.cannot.map((c) => c.reference)).toEqual([acceptance.reference]);

    const after = new Map((await rows()).map((r) => [r.reference, r]));
    for (const moved of [draft, recheck]) {
      const was = before.get(moved.reference)!;
      expect(after.get(moved.reference)).toMatchObject({
        state: was.state,
        version: was.version + 1,
        history: was.history + 1,
        snapshot: { machineVersion: WITHOUT_ACCEPTANCE },
      });
      const [snapshot] = await db.query<{ snapshot: { state: string; context: object } }[]>(
        'SELECT snapshot FROM applications WHERE id = $1',
        [moved.id],
      );
      // the same state and context, re-created by the target machine
      const old = snapshotsBefore.get(moved.id) as { state: string; context: object };
      expect(snapshot.snapshot).toEqual({ ...old, machineVersion: WITHOUT_ACCEPTANCE });
      const [history] = await db.query(
        `SELECT event, from_state, to_state, actor_role, payload FROM application_history
          WHERE application_id = $1 ORDER BY version DESC LIMIT 1`,
        [moved.id],
      );
      expect(history).toEqual({
        event: 'MIGRATE_MACHINE',
        from_state: was.state,
        to_state: was.state,
        actor_role: 'system',
        payload: { fromMachineVersion: ACCREDITATION_MACHINE_VERSION, toMachineVersion: WITHOUT_ACCEPTANCE },
      });
      expect(await app.get(ApplicationHistoryChain).verify(moved.id)).toMatchObject({ valid: true });
    }
    expect(after.get(acceptance.reference)).toEqual(before.get(acceptance.reference));
    // one application could not move: new applications still start on the machine the programme named
    const programme = await db.getRepository(ProgrammeEntity).findOneByOrFail({ code: 'QDFTZ-2026' });
    expect(programme.machineVersion).toBe(ACCREDITATION_MACHINE_VERSION);

    const second = await migrate.execute(
      { programmeCode: 'QDFTZ-2026', toMachineVersion: WITHOUT_ACCEPTANCE, dryRun: false },
      MACHINES,
    );
    expect(second.moved).toEqual([]);
    expect(second.alreadyOn).toBe(2);
    expect(second.cannot.map((c) => c.reference)).toEqual([acceptance.reference]);
    expect(await rows()).toEqual([...after.values()]);
  });

  it('names the programme its moved applications run on once every running one has moved', async () => {
    const draft = await make.draft('qd-applicant');
    const report = await migrate.execute(
      { programmeCode: 'QDFTZ-2026', toMachineVersion: WITHOUT_ACCEPTANCE, dryRun: false },
      MACHINES,
    );
    expect(report.moved.map((m) => m.reference)).toEqual([draft.reference]);
    const programme = await db.getRepository(ProgrammeEntity).findOneByOrFail({ code: 'QDFTZ-2026' });
    expect(programme.machineVersion).toBe(WITHOUT_ACCEPTANCE);
    // and its new applications start there
    const next = await make.draft((await make.applicant('qd', 3)).username);
    expect(next.snapshot.machineVersion).toBe(WITHOUT_ACCEPTANCE);
  });

  it('refuses a version it does not know, or one the engine does not run, and a programme that does not exist', async () => {
    await expect(
      migrate.execute({ programmeCode: 'QDFTZ-2026', toMachineVersion: 'accreditation@9', dryRun: true }),
    ).rejects.toMatchObject({ code: DomainErrorCode.ValidationFailed, details: { fields: ['to'] } });
    await expect(
      migrate.execute(
        { programmeCode: 'QDFTZ-2026', toMachineVersion: 'accreditation@elsewhere', dryRun: true },
        {
          'accreditation@elsewhere': testMachine,
        },
      ),
    ).rejects.toMatchObject({ code: DomainErrorCode.ValidationFailed, details: { fields: ['to'] } });
    await expect(
      migrate.execute({ programmeCode: 'NOPE-2026', toMachineVersion: ACCREDITATION_MACHINE_VERSION, dryRun: true }),
    ).rejects.toMatchObject({ code: DomainErrorCode.NotFound });
    // the registry the CLI uses: today's applications are on today's machine already
    await make.draft('qd-applicant');
    const same = await migrate.execute({
      programmeCode: 'QDFTZ-2026',
      toMachineVersion: ACCREDITATION_MACHINE_VERSION,
      dryRun: false,
    });
    expect(same).toMatchObject({ moved: [], cannot: [], alreadyOn: 1 });
  });
});

import { describeMigration, parseMigrateApplications } from './migrate-applications.command';

describe('migrate-applications arguments', () => {
  it('reads the programme, the target version and the dry run in any order', () => {
    expect(parseMigrateApplications(['--programme', 'QDFTZ-2026', '--to', 'accreditation@2'])).toEqual({
      programmeCode: 'QDFTZ-2026',
      toMachineVersion: 'accreditation@2',
      dryRun: false,
    });
    expect(parseMigrateApplications(['--dry-run', '--to', 'accreditation@2', '--programme', 'QDFTZ-2026'])).toEqual({
      programmeCode: 'QDFTZ-2026',
      toMachineVersion: 'accreditation@2',
      dryRun: true,
    });
  });

  it('refuses missing values and unknown arguments', () => {
    expect(parseMigrateApplications(['--programme', 'QDFTZ-2026'])).toBeNull();
    expect(parseMigrateApplications(['--programme', '--to', 'accreditation@2'])).toBeNull();
    expect(parseMigrateApplications(['--programme', 'QDFTZ-2026', '--to', 'accreditation@2', '--force'])).toBeNull();
    expect(parseMigrateApplications([])).toBeNull();
  });

  it('reports one application a line, and says a dry run wrote nothing', () => {
    const item = {
      id: 'x',
      reference: 'QDFTZ-2026-000001',
      state: 'draft' as never,
      fromMachineVersion: 'accreditation@1',
    };
    expect(
      describeMigration({
        programme: 'QDFTZ-2026',
        toMachineVersion: 'accreditation@2',
        dryRun: true,
        moved: [item],
        cannot: [
          {
            ...item,
            reference: 'QDFTZ-2026-000002',
            state: 'acceptance' as never,
            reason: 'state acceptance does not exist in accreditation@2',
          },
        ],
        alreadyOn: 3,
      }),
    ).toEqual([
      'QDFTZ-2026 → accreditation@2 (dry run: nothing written)',
      '  would move QDFTZ-2026-000001 (draft) from accreditation@1',
      '  cannot move QDFTZ-2026-000002 (acceptance) from accreditation@1: state acceptance does not exist in accreditation@2',
      '1 would move, 1 cannot, 3 already on accreditation@2',
    ]);
  });
});

import type { MigrateApplicationsCommand, MigrationReport } from '@app/accreditation';

/** `migrate-applications --programme CODE --to VERSION [--dry-run]`; null when the arguments are not that. */
export function parseMigrateApplications(args: readonly string[]): MigrateApplicationsCommand | null {
  let programmeCode: string | undefined;
  let toMachineVersion: string | undefined;
  let dryRun = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--dry-run') dryRun = true;
    else if (arg === '--programme' && args[i + 1] && !args[i + 1].startsWith('--')) programmeCode = args[++i];
    else if (arg === '--to' && args[i + 1] && !args[i + 1].startsWith('--')) toMachineVersion = args[++i];
    else return null;
  }
  return programmeCode && toMachineVersion ? { programmeCode, toMachineVersion, dryRun } : null;
}

/** The report as the operator reads it: what moved (or would), what cannot, one application a line. */
export function describeMigration(r: MigrationReport): string[] {
  const verb = r.dryRun ? 'would move' : 'moved';
  const lines = [
    `${r.programme} → ${r.toMachineVersion}${r.dryRun ? ' (dry run: nothing written)' : ''}`,
    ...r.moved.map((m) => `  ${verb} ${m.reference} (${m.state}) from ${m.fromMachineVersion}`),
    ...r.cannot.map((c) => `  cannot move ${c.reference} (${c.state}) from ${c.fromMachineVersion}: ${c.reason}`),
    `${r.moved.length} ${verb}, ${r.cannot.length} cannot, ${r.alreadyOn} already on ${r.toMachineVersion}`,
  ];
  return lines;
}

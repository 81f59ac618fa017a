import {
  accreditationMachines,
  type AccreditationMachines,
  type AccreditationSnapshot,
  AccreditationState,
  DomainError,
  DomainErrorCode,
  moveSnapshot,
} from '@app/domain';
import { ProgrammeEntity } from '@app/programmes';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SYSTEM_PRINCIPAL } from './close-notice.usecase';
import { WorkflowEngine } from './workflow-engine.service';

/** The states an application no longer leaves: nothing runs there, so nothing is moved. */
const ENDED: readonly AccreditationState[] = [
  AccreditationState.Rejected,
  AccreditationState.Withdrawn,
  AccreditationState.Revoked,
  AccreditationState.Lapsed,
  AccreditationState.Expired,
];

export interface MigrationItem {
  id: string;
  reference: string;
  state: AccreditationState;
  fromMachineVersion: string;
}

export interface MigrationReport {
  programme: string;
  toMachineVersion: string;
  dryRun: boolean;
  /** moved (or, in a dry run, that would be) */
  moved: MigrationItem[];
  /** not moved: their state does not exist in the target machine; they stay on their machine */
  cannot: (MigrationItem & { reason: string })[];
  /** running applications already on the target machine */
  alreadyOn: number;
}

export interface MigrateApplicationsCommand {
  programmeCode: string;
  toMachineVersion: string;
  dryRun: boolean;
}

interface Row {
  id: string;
  reference: string;
  version: number;
  snapshot: AccreditationSnapshot;
}

/**
 * Moves a programme's running applications (every state but the ended ones) to another version of the accreditation
 * machine, as the CLI's `migrate-applications` asks: each application whose state exists in the target machine gets
 * the snapshot that machine re-creates for the same state and context, with a MIGRATE_MACHINE history row, one
 * transaction per application at the version read (one that changed meanwhile is read again); the others are
 * reported and left alone. The programme then names the target version, so its new applications start there only
 * if every running one could move. A dry run reads the same and writes nothing. A second run finds nothing to move.
 *
 * `machines` is the map to move within: the machines the engine runs (the domain's ACCREDITATION_MACHINES and any
 * registered), or in a spec a map with a machine that lacks a state, as a future version might — registered with the
 * engine too, since a moved application must go on running.
 */
@Injectable()
export class MigrateApplicationsUseCase {
  private readonly logger = new Logger(MigrateApplicationsUseCase.name);

  constructor(
    private readonly db: DataSource,
    private readonly engine: WorkflowEngine,
  ) {}

  async execute(
    cmd: MigrateApplicationsCommand,
    machines: AccreditationMachines = accreditationMachines(),
  ): Promise<MigrationReport> {
    const programme = await this.db.getRepository(ProgrammeEntity).findOneBy({ code: cmd.programmeCode });
    if (!programme) {
      throw new DomainError(DomainErrorCode.NotFound, `no programme ${cmd.programmeCode}`, { fields: ['programme'] });
    }
    // the engine must be able to run what it moves: the target is the machine the engine knows under that version
    const target = machines[cmd.toMachineVersion];
    if (!target || accreditationMachines()[cmd.toMachineVersion] !== target) {
      throw new DomainError(
        DomainErrorCode.ValidationFailed,
        `no machine version ${cmd.toMachineVersion} the engine runs; known: ${Object.keys(accreditationMachines()).join(', ')}`,
        { fields: ['to'] },
      );
    }
    const report: MigrationReport = {
      programme: programme.code,
      toMachineVersion: cmd.toMachineVersion,
      dryRun: cmd.dryRun,
      moved: [],
      cannot: [],
      alreadyOn: 0,
    };
    const rows = await this.db.query<Row[]>(
      `SELECT id, reference, version, snapshot FROM applications
        WHERE programme_id = $1 AND state <> ALL($2::text[]) ORDER BY reference`,
      [programme.id, ENDED],
    );
    for (const row of rows) {
      if (row.snapshot.machineVersion === cmd.toMachineVersion) {
        report.alreadyOn += 1;
        continue;
      }
      const item = {
        id: row.id,
        reference: row.reference,
        state: row.snapshot.state,
        fromMachineVersion: row.snapshot.machineVersion,
      };
      const move = moveSnapshot(row.snapshot, cmd.toMachineVersion, machines);
      if (!move.ok) {
        report.cannot.push({ ...item, reason: move.message });
        continue;
      }
      if (!cmd.dryRun && !(await this.moveOne(row.id, cmd.toMachineVersion, machines))) {
        report.cannot.push({ ...item, reason: 'it changed while it was being moved and its new state cannot move' });
        continue;
      }
      report.moved.push(item);
    }
    if (!cmd.dryRun && report.cannot.length === 0 && programme.machineVersion !== cmd.toMachineVersion) {
      await this.db
        .getRepository(ProgrammeEntity)
        .update({ id: programme.id }, { machineVersion: cmd.toMachineVersion });
    }
    this.logger.log(
      {
        programme: programme.code,
        to: cmd.toMachineVersion,
        dryRun: cmd.dryRun,
        moved: report.moved.length,
        cannot: report.cannot.length,
      },
      'migrate applications',
    );
    return report;
  }

  /** One application, locked, moved at the version read now; false when its state (now) cannot move. */
  private moveOne(id: string, to: string, machines: AccreditationMachines): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query<Row[]>(
        'SELECT id, reference, version, snapshot FROM applications WHERE id = $1 FOR UPDATE',
        [id],
      );
      if (row.snapshot.machineVersion === to) return true;
      const move = moveSnapshot(row.snapshot, to, machines);
      if (!move.ok) return false;
      const written = await this.engine.moveMachine(tx, row, move.snapshot, SYSTEM_PRINCIPAL);
      if (written === null) throw new Error(`application ${row.reference} changed under its lock`);
      return true;
    });
  }
}

import { initialTransition, transition } from 'xstate';
import { DomainError, DomainErrorCode } from '../domain-error';
import { type Actor, Role } from '../roles';
import { ACCREDITATION_EVENTS, roleAllowed, unmetRequirements, unmetRule } from './accreditation.events';
import { GUARDS, type GuardSpec } from './accreditation.guards';
import { ACCREDITATION_MACHINE_VERSION, accreditationMachine } from './accreditation.machine';
import {
  AccreditationContext,
  AccreditationEvent,
  AccreditationEventType,
  AccreditationInput,
  AccreditationState,
} from './accreditation.types';

/** What is persisted per application: enough to restore the machine without replaying history. */
export interface AccreditationSnapshot {
  machineVersion: string;
  state: AccreditationState;
  context: AccreditationContext;
}

/** Accreditation machines by version id. */
export type AccreditationMachines = Readonly<Record<string, typeof accreditationMachine>>;

/**
 * Machines by version, so an application keeps running on the machine it was created with (its snapshot's
 * `machineVersion`) until `migrate-applications` moves it. Today there is one; a new version is added here, beside
 * the old ones, never in their place.
 */
export const ACCREDITATION_MACHINES: AccreditationMachines = { [ACCREDITATION_MACHINE_VERSION]: accreditationMachine };

/** The machines the engine runs: ACCREDITATION_MACHINES and any registered since (registerAccreditationMachine). */
const REGISTRY = new Map<string, typeof accreditationMachine>(Object.entries(ACCREDITATION_MACHINES));

/**
 * Adds a machine version the engine can run applications on, beside those it has; a version id names one machine
 * for good, so registering another machine under a known id throws. The product's versions are listed in
 * ACCREDITATION_MACHINES; this is for a machine that lives elsewhere (a spec's machine that lacks a state, to test
 * moving applications onto it).
 */
export function registerAccreditationMachine(version: string, machine: typeof accreditationMachine): void {
  const known = REGISTRY.get(version);
  if (known && known !== machine) throw new Error(`machine version ${version} is already another machine`);
  REGISTRY.set(version, machine);
}

/** The machines the engine runs now, by version. */
export function accreditationMachines(): AccreditationMachines {
  return Object.fromEntries(REGISTRY);
}

function machineFor(version: string) {
  const machine = REGISTRY.get(version);
  if (!machine) throw new Error(`no accreditation machine registered for version ${version}`);
  return machine;
}

/** The outcome of moving one snapshot to another machine version. */
export type SnapshotMove =
  | { ok: true; snapshot: AccreditationSnapshot }
  | { ok: false; reason: 'state_missing' | 'machine_unknown'; message: string };

/**
 * The snapshot an application would have on machine `to` of `machines`: the same state and context, re-created by the
 * target machine. Refused when `to` is not in the map or the state does not exist in it (the application cannot be
 * moved and stays where it is).
 */
export function moveSnapshot(s: AccreditationSnapshot, to: string, machines: AccreditationMachines): SnapshotMove {
  const machine = machines[to];
  if (!machine) return { ok: false, reason: 'machine_unknown', message: `no machine ${to}` };
  if (!Object.prototype.hasOwnProperty.call(machine.states, s.state))
    return { ok: false, reason: 'state_missing', message: `state ${s.state} does not exist in ${to}` };
  const resolved = machine.resolveState({ value: s.state, context: s.context });
  return {
    ok: true,
    snapshot: { machineVersion: to, state: resolved.value as AccreditationState, context: resolved.context },
  };
}

/** A new application's snapshot, on the machine of `version` (the programme's; today's machine unless told). */
export function startAccreditation(
  input: AccreditationInput,
  version: string = ACCREDITATION_MACHINE_VERSION,
): AccreditationSnapshot {
  const [snapshot] = initialTransition(machineFor(version), input);
  return {
    machineVersion: version,
    state: snapshot.value as AccreditationState,
    context: snapshot.context,
  };
}

function restore(s: AccreditationSnapshot) {
  return machineFor(s.machineVersion).resolveState({ value: s.state, context: s.context });
}

const EVENT_TYPES = new Set<string>(Object.values(AccreditationEventType));
/** accepted event types by machine version and state: they depend on nothing else, so are worked out once */
const ACCEPTED = new Map<string, AccreditationEventType[]>();

/** Event types the state accepts at all (ignoring role and guards). */
export function eventsAcceptedIn(s: AccreditationSnapshot): AccreditationEventType[] {
  const key = `${s.machineVersion}/${s.state}`;
  let accepted = ACCEPTED.get(key);
  if (accepted === undefined) {
    const types = new Set<string>();
    for (const node of restore(s)._nodes) for (const t of node.ownEvents) types.add(t);
    accepted = [...types].filter((t): t is AccreditationEventType => EVENT_TYPES.has(t));
    ACCEPTED.set(key, accepted);
  }
  return accepted;
}

const listed = (types: AccreditationEventType[]) => types.filter((t) => ACCREDITATION_EVENTS[t].listed);
const sentBy = (t: AccreditationEventType, role: Role) => ACCREDITATION_EVENTS[t].roles.includes(role);

/**
 * Event types this role could send now to `POST /applications/:id/events` (state accepts them and the role may
 * send them); guards not evaluated. Events with an endpoint of their own (UPDATE_MATERIALS, FILE_OBJECTION) are
 * not listed.
 */
export function eventsForRole(s: AccreditationSnapshot, role: Role): AccreditationEventType[] {
  return listed(eventsAcceptedIn(s)).filter((t) => sentBy(t, role));
}

/**
 * The events one person may send now: their role's, less those a rule about the sender refuses whatever they
 * send with it (the regulator who passed 初审 and 复核 under SAME_REVIEWER; an evaluator not on the panel).
 */
export function eventsForActor(s: AccreditationSnapshot, actor: Actor): AccreditationEventType[] {
  return eventsForRole(s, actor.role).filter((type) =>
    ACCREDITATION_EVENTS[type].requirements.every((g) => {
      const guard: GuardSpec = GUARDS[g];
      return !guard.actorOnly || guard.test(s.context, { type, actor } as AccreditationEvent);
    }),
  );
}

/**
 * Applies one event. Refusals are DomainErrors that say why: the state does not accept the event (with the events
 * it does accept), the role may not send it, or a domain requirement is unmet.
 */
export function applyAccreditationEvent(s: AccreditationSnapshot, event: AccreditationEvent): AccreditationSnapshot {
  const accepted = eventsAcceptedIn(s);
  if (!accepted.includes(event.type)) {
    const allowed = listed(accepted);
    throw new DomainError(
      DomainErrorCode.EventNotAllowed,
      `${event.type} is not allowed in state ${s.state}; allowed events: ${allowed.join(', ') || 'none (final state)'}`,
      { state: s.state, allowedEvents: allowed },
    );
  }
  if (!roleAllowed(event)) {
    throw new DomainError(
      DomainErrorCode.Forbidden,
      `${event.type} can only be sent by ${ACCREDITATION_EVENTS[event.type].roles.join(' or ')}, not by ${event.actor.role}`,
      { allowedEvents: listed(accepted).filter((t) => sentBy(t, event.actor.role)) },
    );
  }
  const unmet = unmetRequirements(s.context, event);
  if (unmet.length > 0) {
    const rule = unmetRule(s.context, event);
    throw new DomainError(rule?.code ?? DomainErrorCode.GuardFailed, `${event.type} refused: ${unmet.join('; ')}`, {
      ...rule?.details,
      reasons: unmet,
    });
  }
  const machine = machineFor(s.machineVersion);
  const snapshot = restore(s);
  if (machine.getTransitionData(snapshot, event).length === 0) {
    // only reachable for RULE_OBJECTION with an unknown decision: the DTO layer rejects those first
    throw new DomainError(DomainErrorCode.GuardFailed, `${event.type} refused in state ${s.state}`);
  }
  const [next] = transition(machine, snapshot, event);
  return { machineVersion: s.machineVersion, state: next.value as AccreditationState, context: next.context };
}

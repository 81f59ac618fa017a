import { and, assign, setup } from 'xstate';
import { roleAllowed, unmetRequirements } from './accreditation.events';
import {
  AccreditationContext,
  AccreditationEvent,
  AccreditationEventType as E,
  AccreditationInput,
  AccreditationState as S,
  EventOf,
} from './accreditation.types';

/**
 * Bump when the machine changes in a way that old snapshots must not be run on; keep the old one in the registry.
 * Adding an event that keeps the state (as UPDATE_MATERIALS in draft and revision_requested) needs no new version:
 * it adds transitions and changes none, so snapshots made before it still run. The same holds for the review
 * discipline and validity additions (REJECT and LAPSE in revision_requested, EXPIRE and the re-inspection events in
 * designated, the final states lapsed and expired): every old snapshot's state still exists and means the same; the
 * new context fields are optional and read as "not recorded" (PASS_RECHECK then checks no second reviewer, LAPSE
 * never fires for a revision requested before deadlines existed).
 */
export const ACCREDITATION_MACHINE_VERSION = 'accreditation@1';

const narrow = <T extends E>(event: AccreditationEvent, _type: T) => event as EventOf<T>;

/** The applicant may withdraw in every state before designation. */
const WITHDRAWAL = {
  [E.Withdraw]: { target: S.Withdrawn, guard: 'permitted', actions: 'recordReason' },
} as const;

/** Both review steps (初审, 复核) may return the application for revision, reject it, or see it withdrawn. */
const REVIEW_EXITS = {
  [E.RequestRevision]: {
    target: S.RevisionRequested,
    guard: 'permitted',
    actions: ['recordReason', 'countRevision', 'recordRevisionDue'],
  },
  [E.Reject]: { target: S.Rejected, guard: 'permitted', actions: 'recordReason' },
  ...WITHDRAWAL,
} as const;

/**
 * The accreditation flow of one application (DOMAIN.md). Pure: no delays, no side effects. The public-notice
 * deadline is a durable job outside the machine; the machine only checks `now >= noticeEndsAt` on CLOSE_NOTICE.
 */
export const accreditationMachine = setup({
  types: {
    context: {} as AccreditationContext,
    events: {} as AccreditationEvent,
    input: {} as AccreditationInput,
  },
  guards: {
    permitted: ({ context, event }) => roleAllowed(event) && unmetRequirements(context, event).length === 0,
    upheld: ({ event }) => event.type === E.RuleObjection && event.decision === 'upheld',
    dismissed: ({ event }) => event.type === E.RuleObjection && event.decision === 'dismissed',
  },
  actions: {
    recordMaterials: assign({
      materials: ({ event }) => [...(event as EventOf<E.Submit | E.Resubmit | E.UpdateMaterials>).materials],
    }),
    recordReason: assign({
      lastReason: ({ event }) => ('reason' in event && event.reason ? event.reason : null),
    }),
    recordLapse: assign({
      lastReason: ({ context }) => `not resubmitted by the revision deadline ${context.revisionDueAt}`,
    }),
    countRevision: assign({ revisions: ({ context }) => context.revisions + 1 }),
    recordRevisionDue: assign({
      revisionDueAt: ({ event }) => narrow(event, E.RequestRevision).revisionDueAt ?? null,
    }),
    countReinspection: assign({ reinspectionsPassed: ({ context }) => (context.reinspectionsPassed ?? 0) + 1 }),
    recordPreliminaryReviewer: assign({ preliminaryReviewerId: ({ event }) => event.actor.id }),
    addEvaluator: assign({
      panel: ({ context, event }) => [
        ...context.panel,
        { evaluatorId: narrow(event, E.AssignEvaluator).evaluatorId, status: 'active' as const, scores: null },
      ],
    }),
    excuseEvaluator: assign({
      panel: ({ context, event }) =>
        context.panel.map((m) =>
          m.evaluatorId === event.actor.id && m.status === 'active'
            ? { ...m, status: 'excused' as const, scores: null }
            : m,
        ),
    }),
    recordScores: assign({
      panel: ({ context, event }) =>
        context.panel.map((m) =>
          m.evaluatorId === event.actor.id && m.status === 'active'
            ? { ...m, scores: { ...narrow(event, E.SubmitScore).scores } }
            : m,
        ),
    }),
    openNotice: assign({
      noticeRound: ({ context }) => context.noticeRound + 1,
      noticeEndsAt: ({ event }) => narrow(event, E.OpenPublicNotice).noticeEndsAt,
    }),
    addObjection: assign({
      objections: ({ context, event }) => [
        ...context.objections,
        { id: narrow(event, E.FileObjection).objectionId, round: context.noticeRound, status: 'open' as const },
      ],
    }),
    ruleObjection: assign({
      objections: ({ context, event }) => {
        const e = narrow(event, E.RuleObjection);
        return context.objections.map((o) => (o.id === e.objectionId ? { ...o, status: e.decision } : o));
      },
    }),
  },
}).createMachine({
  id: 'accreditation',
  initial: S.Draft,
  context: ({ input }) => ({
    rules: input.rules,
    materials: [],
    panel: [],
    objections: [],
    noticeRound: 0,
    noticeEndsAt: null,
    revisions: 0,
    lastReason: null,
  }),
  states: {
    [S.Draft]: {
      on: {
        [E.Submit]: { target: S.PreliminaryReview, guard: 'permitted', actions: 'recordMaterials' },
        [E.UpdateMaterials]: { guard: 'permitted', actions: 'recordMaterials' },
        ...WITHDRAWAL,
      },
    },
    [S.PreliminaryReview]: {
      on: {
        [E.PassPreliminary]: { target: S.Recheck, guard: 'permitted', actions: 'recordPreliminaryReviewer' },
        ...REVIEW_EXITS,
      },
    },
    [S.RevisionRequested]: {
      on: {
        [E.Resubmit]: { target: S.PreliminaryReview, guard: 'permitted', actions: 'recordMaterials' },
        [E.UpdateMaterials]: { guard: 'permitted', actions: 'recordMaterials' },
        [E.Reject]: { target: S.Rejected, guard: 'permitted', actions: 'recordReason' },
        [E.Lapse]: { target: S.Lapsed, guard: 'permitted', actions: 'recordLapse' },
        ...WITHDRAWAL,
      },
    },
    [S.Recheck]: {
      on: {
        [E.PassRecheck]: { target: S.Acceptance, guard: 'permitted' },
        ...REVIEW_EXITS,
      },
    },
    [S.Acceptance]: {
      on: {
        [E.AssignEvaluator]: { guard: 'permitted', actions: 'addEvaluator' },
        [E.DeclareConflict]: { guard: 'permitted', actions: 'excuseEvaluator' },
        [E.SubmitScore]: { guard: 'permitted', actions: 'recordScores' },
        [E.OpenPublicNotice]: { target: S.PublicNotice, guard: 'permitted', actions: 'openNotice' },
        [E.Reject]: { target: S.Rejected, guard: 'permitted', actions: 'recordReason' },
        ...WITHDRAWAL,
      },
    },
    [S.PublicNotice]: {
      on: {
        [E.FileObjection]: { guard: 'permitted', actions: 'addObjection' },
        [E.RuleObjection]: [
          { target: S.Rejected, guard: and(['permitted', 'upheld']), actions: ['ruleObjection', 'recordReason'] },
          { guard: and(['permitted', 'dismissed']), actions: 'ruleObjection' },
        ],
        [E.CloseNotice]: { target: S.NoticeClosed, guard: 'permitted' },
        [E.Reject]: { target: S.Rejected, guard: 'permitted', actions: 'recordReason' },
        ...WITHDRAWAL,
      },
    },
    [S.NoticeClosed]: {
      on: {
        [E.RuleObjection]: [
          { target: S.Rejected, guard: and(['permitted', 'upheld']), actions: ['ruleObjection', 'recordReason'] },
          { guard: and(['permitted', 'dismissed']), actions: 'ruleObjection' },
        ],
        [E.Designate]: { target: S.Designated, guard: 'permitted' },
        [E.Reject]: { target: S.Rejected, guard: 'permitted', actions: 'recordReason' },
        ...WITHDRAWAL,
      },
    },
    [S.Designated]: {
      on: {
        [E.Revoke]: { target: S.Revoked, guard: 'permitted', actions: 'recordReason' },
        [E.Expire]: { target: S.Expired, guard: 'permitted' },
        [E.PassReinspection]: { guard: 'permitted', actions: 'countReinspection' },
        [E.FailReinspection]: { target: S.Revoked, guard: 'permitted', actions: 'recordReason' },
      },
    },
    [S.Rejected]: { type: 'final' },
    [S.Withdrawn]: { type: 'final' },
    [S.Revoked]: { type: 'final' },
    [S.Lapsed]: { type: 'final' },
    [S.Expired]: { type: 'final' },
  },
});

import { Actor } from '../roles';
import { DimensionScores, Rubric } from '../rubric-scoring.util';

/** The vocabulary of the accreditation domain: these names are used in the machine, the API and the data. */
export enum AccreditationState {
  Draft = 'draft',
  PreliminaryReview = 'preliminary_review',
  RevisionRequested = 'revision_requested',
  Recheck = 'recheck',
  Acceptance = 'acceptance',
  PublicNotice = 'public_notice',
  NoticeClosed = 'notice_closed',
  Designated = 'designated',
  Rejected = 'rejected',
  Withdrawn = 'withdrawn',
  Revoked = 'revoked',
  /** 逾期未补正: returned for revision and not resubmitted within the programme's working days (final, with the reason) */
  Lapsed = 'lapsed',
  /** 有效期满: the title reached the end of its validity (final) */
  Expired = 'expired',
}

export enum AccreditationEventType {
  Submit = 'SUBMIT',
  RequestRevision = 'REQUEST_REVISION',
  Resubmit = 'RESUBMIT',
  PassPreliminary = 'PASS_PRELIMINARY',
  PassRecheck = 'PASS_RECHECK',
  AssignEvaluator = 'ASSIGN_EVALUATOR',
  DeclareConflict = 'DECLARE_CONFLICT',
  SubmitScore = 'SUBMIT_SCORE',
  OpenPublicNotice = 'OPEN_PUBLIC_NOTICE',
  FileObjection = 'FILE_OBJECTION',
  RuleObjection = 'RULE_OBJECTION',
  CloseNotice = 'CLOSE_NOTICE',
  Designate = 'DESIGNATE',
  Reject = 'REJECT',
  Withdraw = 'WITHDRAW',
  Revoke = 'REVOKE',
  UpdateMaterials = 'UPDATE_MATERIALS',
  /** the system's timer: revision_requested → lapsed once the revision deadline has passed */
  Lapse = 'LAPSE',
  /** the system's sweeper: designated → expired once the title's last valid day is over */
  Expire = 'EXPIRE',
  /** the yearly re-inspection (回访/巡查) passed: stays designated */
  PassReinspection = 'PASS_REINSPECTION',
  /** the yearly re-inspection failed: the title ends (designated → revoked, the findings are the reason) */
  FailReinspection = 'FAIL_REINSPECTION',
}

export type ObjectionDecision = 'upheld' | 'dismissed';

export interface PanelMember {
  evaluatorId: string;
  status: 'active' | 'excused';
  scores: DimensionScores | null;
}

export interface ObjectionRef {
  id: string;
  round: number;
  status: 'open' | ObjectionDecision;
}

/** The programme's rules, copied into the application when it is created so later edits never move the goalposts. */
export interface ApplicationRules {
  rubric: Rubric;
  panelSize: number;
  requiredMaterials: string[];
  /** 复核 by a regulator other than the one who passed 初审; absent (applications made before the setting) = on */
  recheckBySecondRegulator?: boolean;
}

export interface AccreditationContext {
  rules: ApplicationRules;
  materials: string[];
  panel: PanelMember[];
  objections: ObjectionRef[];
  /** how many times the notice has been opened (1 after the first) */
  noticeRound: number;
  /** ISO instant the current notice window ends */
  noticeEndsAt: string | null;
  revisions: number;
  /** reason of the last decision that needed one (revision, rejection, revocation, withdrawal) */
  lastReason: string | null;
  /** who passed the preliminary review (absent in snapshots made before it was recorded) */
  preliminaryReviewerId?: string | null;
  /** ISO instant the application lapses if not resubmitted (null: the programme sets no deadline) */
  revisionDueAt?: string | null;
  /** yearly re-inspections passed since designation */
  reinspectionsPassed?: number;
}

export interface AccreditationInput {
  rules: ApplicationRules;
}

interface Base<T extends AccreditationEventType> {
  type: T;
  actor: Actor;
}

/** One area quota at DESIGNATE: the places it allows (max + overrides) and the titles already holding one. */
export interface AreaQuotaFact {
  jurisdictionCode: string;
  name: string;
  max: number;
  allowed: number;
  designated: number;
}

/** An override whose extra place a designation takes: who added it, when and why. */
export interface QuotaOverrideUse {
  id: string;
  jurisdictionCode: string;
  extraPlaces: number;
  reason: string;
  createdBy: string;
  createdAt: string;
}

/**
 * Events as the machine sees them. Fields marked "server fact" are filled in by the workflow engine from the
 * database and the clock, never taken from a client.
 */
export type AccreditationEvent =
  | (Base<AccreditationEventType.Submit> & { materials: string[] /* server fact */ })
  | (Base<AccreditationEventType.RequestRevision> & { reason: string; revisionDueAt?: string | null /* server fact */ })
  | (Base<AccreditationEventType.Resubmit> & { materials: string[] /* server fact */ })
  | (Base<AccreditationEventType.PassPreliminary> & { reason?: string })
  | (Base<AccreditationEventType.PassRecheck> & { reason?: string })
  | (Base<AccreditationEventType.AssignEvaluator> & { evaluatorId: string })
  | (Base<AccreditationEventType.DeclareConflict> & { reason: string })
  | (Base<AccreditationEventType.SubmitScore> & { scores: DimensionScores })
  | (Base<AccreditationEventType.OpenPublicNotice> & { noticeEndsAt: string /* server fact */ })
  | (Base<AccreditationEventType.FileObjection> & { objectionId: string /* server fact */; reason: string })
  | (Base<AccreditationEventType.RuleObjection> & { objectionId: string; decision: ObjectionDecision; reason: string })
  | (Base<AccreditationEventType.CloseNotice> & { now: string /* server fact */ })
  | (Base<AccreditationEventType.Designate> & {
      quotaRemaining: number | null /* server fact */;
      /** the programme-wide maximum with its overrides' places (server fact) */
      quotaAllowed?: number | null;
      /** the quotas of the areas the application lies in (server fact) */
      areaQuotas?: AreaQuotaFact[];
      /** the overrides whose extra places this designation takes, programme-wide or of an area (server fact) */
      overrides?: QuotaOverrideUse[];
      /** server fact, a base only: the stations it is built on that are no longer designated and valid today */
      invalidStations?: { reference: string; problem: string }[];
      reason?: string;
    })
  | (Base<AccreditationEventType.Reject> & { reason: string })
  | (Base<AccreditationEventType.Withdraw> & { reason?: string })
  | (Base<AccreditationEventType.Revoke> & { reason: string })
  | (Base<AccreditationEventType.UpdateMaterials> & { materials: string[] })
  | (Base<AccreditationEventType.Lapse> & { now: string /* server fact */ })
  | (Base<AccreditationEventType.Expire> & {
      now: string /* server fact */;
      validUntil: string | null; /* server fact */
    })
  | (Base<AccreditationEventType.PassReinspection> & { reason?: string })
  | (Base<AccreditationEventType.FailReinspection> & { reason: string });

export type EventOf<T extends AccreditationEventType> = Extract<AccreditationEvent, { type: T }>;

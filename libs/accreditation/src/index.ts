export { ApplicationEntity, type MaterialRecord } from './application.entity';
export { ApplicationHistoryEntity } from './application-history.entity';
export { EvaluatorAssignmentEntity } from './evaluator-assignment.entity';
export { ObjectionEntity } from './objection.entity';
export type { ApplicationColumns, TransitionContext } from './transition-context';
export {
  CREATE_EVENT,
  MIGRATE_MACHINE_EVENT,
  type FireOptions,
  type FireResult,
  type NewApplication,
  TRANSITION_EFFECTS,
  type TransitionEffect,
  WorkflowEngine,
} from './workflow-engine.service';
export { APPLICATION_EVENTS, type EventFacts, type ServerEventSpec } from './application-events';
export { CreateApplicationUseCase } from './create-application.usecase';
export { UpdateMaterialsUseCase } from './update-materials.usecase';
export { CloseNoticeUseCase, SYSTEM_PRINCIPAL } from './close-notice.usecase';
export { FileObjectionUseCase, type ObjectionFiling, type ObjectionReceipt } from './file-objection.usecase';
export { BULK_RULING_LIMIT, type BulkRuling, RuleObjectionsUseCase } from './rule-objections.usecase';
export {
  ApplicationQueries,
  type ApplicationExportRow,
  type BaseStation,
  type RegisterExportRow,
  type Reinspection,
} from './application.queries';
export { ApplicationHistoryChain } from './application-history.chain';
export { ACCREDITATION_ENTITIES, AccreditationModule, type AccreditationModuleOptions } from './accreditation.module';
export { applicationVisibility } from './application-visibility.util';
export { ExpertPoolUseCase, type PoolExpert } from './expert-pool.usecase';
export {
  ExpertProfilesUseCase,
  type ExpertPage,
  type ExpertProfile,
  type ProfileChange,
} from './expert-profiles.usecase';
export {
  type DrawResult,
  type ExpireOutcome,
  ExpertInvitationsUseCase,
  type InvitationRecord,
} from './expert-invitations.usecase';
export { type InvitationStatus } from './evaluator-invitation.entity';
export { ExpertDrawEntity } from './expert-draw.entity';
export { APPLICATION_SUBJECT, ApplicationWorkItems } from './application-work-items';
export { MaterialFileEntity } from './material-file.entity';
export { MaterialDownloadEntity } from './material-download.entity';
export { type IncomingFile, MATERIAL_CODE, UploadMaterialFileUseCase, zipEntries } from './material-files.usecase';
export { type FileDownload, type ManifestEntry, MaterialFilesQueries, safeName } from './material-files.queries';
export { ReinspectionEntity, type ReinspectionStatus } from './reinspection.entity';
export { OrganisationBarEntity } from './organisation-bar.entity';
export { ValidityUseCase, type ValidityOutcome } from './validity.usecase';
export {
  type AreaQuotaUsage,
  type ProgrammeQuotas,
  type QuotaOverride,
  type QuotaUsage,
  QuotasUseCase,
} from './quotas.usecase';
export {
  type DesignationTarget,
  type DesignationTargetProgress,
  DesignationTargetsUseCase,
} from './designation-targets.usecase';
export {
  type CandidateListRecord,
  type CandidateRecord,
  RECOMMENDED_UPWARD,
  RecommendationsUseCase,
} from './recommendations.usecase';
export {
  type MigrateApplicationsCommand,
  MigrateApplicationsUseCase,
  type MigrationItem,
  type MigrationReport,
} from './migrate-applications.usecase';
export { PilotCallEntity } from './pilot-call.entity';
export { PilotRankingEntity, pilotRankingSql } from './pilot-ranking.entity';
export { PilotReportEntity } from './pilot-report.entity';
export {
  PILOT_RANKED,
  PILOT_SUMMARY_MAX,
  type PilotCall,
  type PilotNoticeResult,
  PilotProgrammeUseCase,
  type PilotRankings,
  type PilotReportRecord,
  type ProvinceRanking,
  type RankedApplication,
} from './pilot-programme.usecase';

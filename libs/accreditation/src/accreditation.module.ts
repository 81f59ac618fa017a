import { CandidateListEntity } from './candidate-list.entity';
import { RecommendationCandidateEntity } from './recommendation-candidate.entity';
import { RecommendationsUseCase } from './recommendations.usecase';
import { IdentityModule } from '@app/identity';
import { StorageModule } from '@app/platform';
import { ProgrammesModule } from '@app/programmes';
import { WorklistModule } from '@app/worklist';
import { DynamicModule, Module, ModuleMetadata, Type } from '@nestjs/common';
import { ApplicationHistoryChain } from './application-history.chain';
import { ApplicationHistoryEntity } from './application-history.entity';
import { ApplicationEntity } from './application.entity';
import { OrganisationBarEntity } from './organisation-bar.entity';
import { ReinspectionEntity } from './reinspection.entity';
import { PilotCallEntity } from './pilot-call.entity';
import { PilotRankingEntity } from './pilot-ranking.entity';
import { PilotReportEntity } from './pilot-report.entity';
import { PilotProgrammeUseCase } from './pilot-programme.usecase';
import { ApplicationQueries } from './application.queries';
import { ApplicationWorkItems } from './application-work-items';
import { CloseNoticeUseCase } from './close-notice.usecase';
import { CreateApplicationUseCase } from './create-application.usecase';
import { EvaluatorAssignmentEntity } from './evaluator-assignment.entity';
import { EvaluatorInvitationEntity } from './evaluator-invitation.entity';
import { ExpertDrawEntity } from './expert-draw.entity';
import { ExpertProfileEntity } from './expert-profile.entity';
import { InvitationHistoryEntity } from './invitation-history.entity';
import { ExpertInvitationsUseCase } from './expert-invitations.usecase';
import { ExpertPoolUseCase } from './expert-pool.usecase';
import { ExpertProfilesUseCase } from './expert-profiles.usecase';
import { FileObjectionUseCase } from './file-objection.usecase';
import { MaterialDownloadEntity } from './material-download.entity';
import { MaterialFileEntity } from './material-file.entity';
import { MaterialFilesQueries } from './material-files.queries';
import { UploadMaterialFileUseCase } from './material-files.usecase';
import { ObjectionEntity } from './objection.entity';
import { RuleObjectionsUseCase } from './rule-objections.usecase';
import { ProgrammeExpertEntity } from './programme-expert.entity';
import { UpdateMaterialsUseCase } from './update-materials.usecase';
import { ValidityUseCase } from './validity.usecase';
import { DesignationTargetEntity } from './designation-target.entity';
import { DesignationTargetsUseCase } from './designation-targets.usecase';
import { ProgrammeAreaQuotaEntity } from './programme-area-quota.entity';
import { QuotaOverrideEntity } from './quota-override.entity';
import { QuotasUseCase } from './quotas.usecase';
import { MigrateApplicationsUseCase } from './migrate-applications.usecase';
import { TRANSITION_EFFECTS, TransitionEffect, WorkflowEngine } from './workflow-engine.service';

/** The tables of this context; PersistenceModule registers every context's list. */
export const ACCREDITATION_ENTITIES = [
  ApplicationEntity,
  ApplicationHistoryEntity,
  EvaluatorAssignmentEntity,
  ObjectionEntity,
  ProgrammeExpertEntity,
  ExpertProfileEntity,
  ExpertDrawEntity,
  EvaluatorInvitationEntity,
  InvitationHistoryEntity,
  MaterialFileEntity,
  MaterialDownloadEntity,
  ReinspectionEntity,
  OrganisationBarEntity,
  ProgrammeAreaQuotaEntity,
  QuotaOverrideEntity,
  DesignationTargetEntity,
  CandidateListEntity,
  RecommendationCandidateEntity,
  PilotCallEntity,
  PilotRankingEntity,
  PilotReportEntity,
];

const EXPORTED = [
  WorkflowEngine,
  CreateApplicationUseCase,
  UpdateMaterialsUseCase,
  CloseNoticeUseCase,
  FileObjectionUseCase,
  RuleObjectionsUseCase,
  ApplicationQueries,
  ApplicationHistoryChain,
  RecommendationsUseCase,
  ExpertPoolUseCase,
  ExpertProfilesUseCase,
  ExpertInvitationsUseCase,
  ApplicationWorkItems,
  UploadMaterialFileUseCase,
  MaterialFilesQueries,
  ValidityUseCase,
  QuotasUseCase,
  DesignationTargetsUseCase,
  MigrateApplicationsUseCase,
  PilotProgrammeUseCase,
];

export interface AccreditationModuleOptions {
  /** the modules that provide (and export) the effects */
  imports?: NonNullable<ModuleMetadata['imports']>;
  /** what every accepted transition also does, inside its transaction, in this order */
  effects?: Type<TransitionEffect>[];
}

/**
 * The workflow engine and the application use cases and queries; needs PersistenceModule's DataSource and a
 * Clock (ClockModule). The engine's transition effects come from other contexts, so the process that puts the
 * contexts together passes them in (libs/contexts/src/contexts.module.ts).
 */
@Module({})
export class AccreditationModule {
  static forRoot({ imports = [], effects = [] }: AccreditationModuleOptions = {}): DynamicModule {
    return {
      module: AccreditationModule,
      imports: [ProgrammesModule, IdentityModule, WorklistModule, StorageModule.forRoot(), ...imports],
      providers: [
        ...EXPORTED,
        {
          provide: TRANSITION_EFFECTS,
          inject: effects,
          useFactory: (...list: TransitionEffect[]): readonly TransitionEffect[] => list,
        },
      ],
      exports: EXPORTED,
    };
  }
}

import { EnvironmentVariables, validateEnvironment } from '@app/config';
import { ContextsModule } from '@app/contexts';
import { PersistenceModule } from '@app/persistence';
import { ClockModule, HealthModule, loggingModule, RateLimitModule } from '@app/platform';
import { QueueModule } from '@app/queue';
import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ClockController } from './admin/clock.controller';
import { ApplicationsController } from './applications/applications.controller';
import { MaterialFilesController } from './applications/material-files.controller';
import { AuthController } from './auth/auth.controller';
import { CalendarController } from './calendar/calendar.controller';
import { DomainExceptionFilter } from './common/domain-exception.filter';
import { JwtAuthGuard } from './common/jwt-auth.guard';
import { RATE_LIMIT_POLICIES } from './common/rate-limits';
import { queueDashboardModules } from './common/queue-dashboard';
import { FinanceController } from './finance/finance.controller';
import { JurisdictionsController } from './jurisdictions/jurisdictions.controller';
import { MeController } from './me/me.controller';
import { NotificationsController } from './notifications/notifications.controller';
import { OrganisationsController } from './organisations/organisations.controller';
import { RegistrationsController } from './organisations/registrations.controller';
import { InvitationsController } from './organisations/invitations.controller';
import { StaffController } from './staff/staff.controller';
import { ProgrammesController } from './programmes/programmes.controller';
import { RecommendationsController } from './programmes/recommendations.controller';
import { PublicController } from './public/public.controller';
import { ReportsController } from './reports/reports.controller';
import { DirectoryController } from './directory/directory.controller';
import { RequestsController } from './stats/requests.controller';
import { StatsController } from './stats/stats.controller';
import { PilotController } from './pilot/pilot.controller';
import { ExpertInvitationsController, ExpertsController } from './experts/experts.controller';
import { QuotasController } from './quotas/quotas.controller';
import { TargetsController } from './targets/targets.controller';

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, validate: validateEnvironment, ignoreEnvFile: true }),
    loggingModule,
    JwtModule.registerAsync({
      global: true,
      inject: [ConfigService],
      useFactory: (config: ConfigService<EnvironmentVariables, true>) => ({
        secret: config.get('JWT_SECRET', { infer: true }),
      }),
    }),
    PersistenceModule,
    QueueModule,
    ClockModule.forRoot(),
    ContextsModule,
    HealthModule,
    RateLimitModule.forRoot(RATE_LIMIT_POLICIES),
    ...queueDashboardModules,
  ],
  controllers: [
    AuthController,
    ApplicationsController,
    MaterialFilesController,
    ProgrammesController,
    RecommendationsController,
    JurisdictionsController,
    PublicController,
    CalendarController,
    FinanceController,
    OrganisationsController,
    RegistrationsController,
    InvitationsController,
    StaffController,
    ReportsController,
    DirectoryController,
    StatsController,
    RequestsController,
    PilotController,
    ClockController,
    ExpertsController,
    ExpertInvitationsController,
    MeController,
    NotificationsController,
    QuotasController,
    TargetsController,
  ],
  providers: [
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_FILTER, useClass: DomainExceptionFilter },
  ],
})
export class AppModule {}

import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { AuthModule, AuthPagesModule } from '@app/auth';
import { BranchesModule } from '@app/branches';
import {
  aliasLimitRule,
  AppConfig,
  AuditModule,
  AuthGuard,
  CoreConfigModule,
  createGraphqlContext,
  createValidationPipe,
  DatabaseModule,
  formatGraphqlError,
  InstallationRegistryModule,
  inputChecksPlugin,
  LoggingModule,
  operationLimitsPlugin,
  QueueModule,
  RedisModule,
  SecurityModule,
  ThrottlingModule,
} from '@app/core';
import { MailModule } from '@app/mail';
import { EventPagesModule, EventsModule } from '@app/events';
import { MemberPagesModule, MembersModule } from '@app/members';
import { PetitionPagesModule, PetitionsModule } from '@app/petitions';
import { LetterPagesModule, LettersModule } from '@app/letters';
import { MailingPagesModule, MailingsModule } from '@app/mailings';
import { PledgePagesModule, PledgesModule } from '@app/pledges';
import { TargetsModule } from '@app/targets';
import { PageErrorFilter, WebModule } from '@app/web';
import { MIGRATIONS } from '@app/migrations';
import { HealthChecksModule, Metrics, OperationsModule } from '@app/operations';
import { DashboardController } from './dashboard/dashboard.controller';
import { HealthController, ReadyController } from './health.controller';
import { HomePagesController } from './pages/home-pages.controller';

@Module({
  imports: [
    CoreConfigModule,
    LoggingModule,
    DatabaseModule.forRoot(),
    RedisModule,
    SecurityModule,
    InstallationRegistryModule,
    AuditModule,
    QueueModule,
    ThrottlingModule,
    HealthChecksModule.forRoot(MIGRATIONS),
    OperationsModule,
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      imports: [OperationsModule],
      inject: [AppConfig, Metrics],
      useFactory: (config: AppConfig, metrics: Metrics) => ({
        // The schema is built in memory; main.ts writes apps/api/schema.gql outside production.
        autoSchemaFile: true,
        path: '/graphql',
        introspection: !config.isProduction,
        playground: false,
        csrfPrevention: true,
        allowBatchedHttpRequests: false,
        includeStacktraceInErrorResponses: false,
        hideSchemaDetailsFromClientErrors: config.isProduction,
        context: createGraphqlContext,
        validationRules: [aliasLimitRule(config.graphql.maxAliases)],
        formatError: (formatted, error) => formatGraphqlError(formatted, error, config.isProduction),
        // @nestjs/apollo loads @apollo/server's ESM build and we its CommonJS one: the plugin types
        // are the same shape but declared twice, hence the cast.
        plugins: [
          metrics.graphqlPlugin(),
          inputChecksPlugin(),
          operationLimitsPlugin(config.graphql),
          ...(config.isProduction ? [] : [ApolloServerPluginLandingPageLocalDefault({ embed: true })]),
        ] as unknown as ApolloDriverConfig['plugins'],
      }),
    }),
    WebModule,
    MailModule,
    BranchesModule,
    MembersModule,
    MemberPagesModule,
    AuthModule,
    AuthPagesModule,
    EventsModule,
    EventPagesModule,
    PetitionsModule,
    PetitionPagesModule,
    PledgesModule,
    PledgePagesModule,
    TargetsModule,
    LettersModule,
    LetterPagesModule,
    MailingsModule,
    MailingPagesModule,
  ],
  controllers: [HealthController, ReadyController, HomePagesController, DashboardController],
  providers: [
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_FILTER, useExisting: PageErrorFilter },
  ],
})
export class ApiModule {}

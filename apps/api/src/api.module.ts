import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { TerminusModule } from '@nestjs/terminus';
import { AuthModule } from '@app/auth';
import { BranchesModule } from '@app/branches';
import {
  AppConfig,
  AuditModule,
  AuthGuard,
  CoreConfigModule,
  createGraphqlContext,
  createValidationPipe,
  DatabaseModule,
  formatGraphqlError,
  LoggingModule,
  operationLimitsPlugin,
  QueueModule,
  RedisModule,
  ThrottlingModule,
} from '@app/core';
import { MailModule } from '@app/mail';
import { EventsModule } from '@app/events';
import { MembersModule } from '@app/members';
import { PetitionsModule } from '@app/petitions';
import { LetterPagesModule, LettersModule } from '@app/letters';
import { PledgesModule } from '@app/pledges';
import { TargetsModule } from '@app/targets';
import { PageErrorFilter, WebModule } from '@app/web';
import { HealthController } from './health.controller';

@Module({
  imports: [
    CoreConfigModule,
    LoggingModule,
    DatabaseModule.forRoot(),
    RedisModule,
    AuditModule,
    QueueModule,
    ThrottlingModule,
    TerminusModule.forRoot({ logger: false }),
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
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
        formatError: (formatted, error) => formatGraphqlError(formatted, error, config.isProduction),
        // @nestjs/apollo loads @apollo/server's ESM build and we its CommonJS one: the plugin types
        // are the same shape but declared twice, hence the cast.
        plugins: [
          operationLimitsPlugin(config.graphql),
          ...(config.isProduction ? [] : [ApolloServerPluginLandingPageLocalDefault({ embed: true })]),
        ] as unknown as ApolloDriverConfig['plugins'],
      }),
    }),
    WebModule,
    MailModule,
    BranchesModule,
    MembersModule,
    AuthModule,
    EventsModule,
    PetitionsModule,
    PledgesModule,
    TargetsModule,
    LettersModule,
    LetterPagesModule,
  ],
  controllers: [HealthController],
  providers: [
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_FILTER, useExisting: PageErrorFilter },
  ],
})
export class ApiModule {}

import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';

export interface DatabaseModuleOptions {
  /**
   * Statements may run as long as they need (no statement, read or idle-in-transaction timeouts):
   * for the CLI's migrations and bulk imports. Connecting still times out.
   */
  longRunning?: boolean;
}

/** The TypeORM connection. Entities come from each domain library's TypeOrmModule.forFeature. */
@Module({})
export class DatabaseModule {
  static forRoot(
    migrations: NonNullable<DataSourceOptions['migrations']> = [],
    options: DatabaseModuleOptions = {},
  ): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            ...dataSourceOptions(
              config.databaseUrl,
              [],
              migrations,
              options.longRunning
                ? { ...config.database, statementTimeoutMs: 0, idleInTransactionTimeoutMs: 0 }
                : config.database,
            ),
            autoLoadEntities: true,
          }),
        }),
      ],
    };
  }
}

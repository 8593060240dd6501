import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';

/** The TypeORM connection. Entities come from each domain library's TypeOrmModule.forFeature. */
@Module({})
export class DatabaseModule {
  static forRoot(migrations: NonNullable<DataSourceOptions['migrations']> = []): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            ...dataSourceOptions(config.databaseUrl, [], migrations),
            autoLoadEntities: true,
          }),
        }),
      ],
    };
  }
}

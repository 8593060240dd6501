import { DynamicModule, Module } from '@nestjs/common';
import { InstallationRegistryModule } from '@app/core';
import { EXPECTED_MIGRATIONS, HealthChecks } from './health-checks';

/** `migrations`: the app's list of migration classes (their names are what `schema_migration` records). */
@Module({})
export class HealthChecksModule {
  static forRoot(migrations: ReadonlyArray<{ name: string }>): DynamicModule {
    return {
      module: HealthChecksModule,
      imports: [InstallationRegistryModule],
      providers: [{ provide: EXPECTED_MIGRATIONS, useValue: migrations.map((m) => m.name) }, HealthChecks],
      exports: [HealthChecks],
    };
  }
}

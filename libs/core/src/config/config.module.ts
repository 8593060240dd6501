import { Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AppConfig } from './app-config';
import { validateEnvironment } from './environment';

/**
 * Validates the environment once at start (a `.env` file is merged in, outside tests) and provides
 * the typed AppConfig to every module. Nothing outside this folder reads process.env.
 */
@Global()
@Module({
  imports: [
    ConfigModule.forRoot({
      cache: true,
      ignoreEnvFile: process.env.NODE_ENV === 'test',
      validate: validateEnvironment,
    }),
  ],
  providers: [
    // ConfigModule has merged any .env file into process.env by the time this runs.
    { provide: AppConfig, useFactory: () => new AppConfig(validateEnvironment(process.env)) },
  ],
  exports: [AppConfig],
})
export class CoreConfigModule {}

/** For processes that need the configuration outside Nest's container (scripts, data sources). */
export function loadAppConfig(): AppConfig {
  return new AppConfig(validateEnvironment(process.env));
}

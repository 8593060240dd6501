import { Module } from '@nestjs/common';
import { InstallationRegistry } from './installation-registry';
import { InstallationRepository } from './installation.repository';
import { InstallationIdentity } from './installation.service';

@Module({ providers: [InstallationRepository, InstallationIdentity], exports: [InstallationIdentity] })
export class InstallationModule {}

/** For the api and the worker (they have Redis; the CLI does not). */
@Module({
  imports: [InstallationModule],
  providers: [InstallationRegistry],
  exports: [InstallationRegistry, InstallationModule],
})
export class InstallationRegistryModule {}

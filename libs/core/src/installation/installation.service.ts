import { Injectable } from '@nestjs/common';
import { InstallationRepository } from './installation.repository';

/** The id of this installation, from its database: read once, when first needed. */
@Injectable()
export class InstallationIdentity {
  private cached?: Promise<string>;

  constructor(private readonly installations: InstallationRepository) {}

  /** Read lazily: the CLI builds this before `migrate` has made the table. */
  id(): Promise<string> {
    this.cached ??= this.load().catch((error: unknown) => {
      this.cached = undefined;
      throw error;
    });
    return this.cached;
  }

  private async load(): Promise<string> {
    const id = await this.installations.oldestId();
    if (id) {
      return id;
    }
    // The migration makes the row; should it be gone, any new id will do (the oldest one wins).
    await this.installations.add();
    return (await this.installations.oldestId())!;
  }
}

/** An id short enough for a log line and still telling installations apart. */
export function shortInstallationId(id: string): string {
  return id.slice(0, 8);
}

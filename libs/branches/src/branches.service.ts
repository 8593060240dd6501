import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import {
  AppConfig,
  byIds,
  LoaderRegistry,
  RecentlyRead,
  NotFoundError,
  postcodeArea,
  postcodeDistrict,
} from '@app/core';
import { Branch } from './branch.entity';
import { BranchRepository } from './branch.repository';
import { DEMO_BRANCHES } from './demo-branches';
import { CreateBranchInput, UpdateBranchInput } from './dto/branch.input';

@Injectable()
export class BranchesService {
  private readonly publicFormBranches: RecentlyRead<Branch | null>;

  constructor(
    private readonly branches: BranchRepository,
    config: AppConfig,
  ) {
    this.publicFormBranches = new RecentlyRead(() => config.publicReadCacheMs);
  }

  /**
   * The branch a public form names by slug (undefined: no such branch), else the one covering the
   * postcode (null: none), as read in the last PUBLIC_READ_CACHE_MS: a crowd joining at once reads
   * each branch once, not once each. A branch renamed or added shows so within that time.
   */
  async forPublicForm(slug: string | null | undefined, postcode: string): Promise<Branch | null | undefined> {
    const key = slug ? `slug ${slug}` : `district ${postcodeDistrict(postcode)}`;
    const branch = await this.publicFormBranches.get(key, () =>
      slug ? this.findBySlug(slug) : this.coveringPostcode(postcode),
    );
    return slug && !branch ? undefined : branch;
  }

  list(): Promise<Branch[]> {
    return this.branches.list();
  }

  async bySlug(slug: string): Promise<Branch> {
    const branch = await this.branches.findBySlug(slug);
    if (!branch) {
      throw new NotFoundError('Branch');
    }
    return branch;
  }

  findBySlug(slug: string): Promise<Branch | null> {
    return this.branches.findBySlug(slug);
  }

  /**
   * The branch covering a normalised postcode: one naming its district ("KY16") wins over one naming
   * its area ("KY"); null when none does.
   */
  async coveringPostcode(postcode: string): Promise<Branch | null> {
    const district = postcodeDistrict(postcode);
    const area = postcodeArea(postcode);
    const candidates = await this.branches.namingDistrictOrArea(district, area);
    return (
      candidates.find((b) => b.postcodeAreas.includes(district)) ??
      candidates.find((b) => b.postcodeAreas.includes(area)) ??
      null
    );
  }

  async byId(id: string): Promise<Branch> {
    const branch = await this.branches.findById(id);
    if (!branch) {
      throw new NotFoundError('Branch');
    }
    return branch;
  }

  /** Per-request loader: one query for every branch a response mentions. */
  loader(loaders: LoaderRegistry): DataLoader<string, Branch | null> {
    return loaders.get('branchById', () => byIds((ids) => this.branches.findByIds(ids)));
  }

  /** Caller must be an admin (checked by the resolver). A taken slug is CONFLICT. */
  create(input: CreateBranchInput): Promise<Branch> {
    return this.branches.create({
      slug: input.slug,
      name: input.name,
      postcodeAreas: [...new Set(input.postcodeAreas)],
      contactEmail: input.contactEmail ?? null,
    });
  }

  async update(input: UpdateBranchInput): Promise<Branch> {
    const branch = await this.byId(input.id);
    if (input.slug !== undefined) {
      branch.slug = input.slug;
    }
    if (input.name !== undefined) {
      branch.name = input.name;
    }
    if (input.postcodeAreas !== undefined) {
      branch.postcodeAreas = [...new Set(input.postcodeAreas)];
    }
    if (input.contactEmail !== undefined) {
      branch.contactEmail = input.contactEmail;
    }
    return this.branches.save(branch);
  }

  /** Seeds the demo branches only when there are no branches at all. Returns how many it added. */
  async seedDemo(): Promise<number> {
    return this.branches.addIfNone(DEMO_BRANCHES.map((b) => ({ ...b, postcodeAreas: [...b.postcodeAreas] })));
  }
}

import { Branch } from './branch.entity';
import { BranchModel } from './branch.model';

export function toBranchModel(branch: Branch): BranchModel {
  return {
    id: branch.id,
    slug: branch.slug,
    name: branch.name,
    postcodeAreas: branch.postcodeAreas,
    contactEmail: branch.contactEmail,
  };
}

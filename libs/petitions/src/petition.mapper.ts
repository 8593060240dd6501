import { Petition } from './petition.entity';
import { PetitionModel } from './petition.model';

export function toPetitionModel(petition: Petition): PetitionModel {
  return {
    id: petition.id,
    slug: petition.slug,
    title: petition.title,
    summary: petition.summary,
    body: petition.body,
    targetName: petition.targetName,
    goal: petition.goal,
    closesAt: petition.closesAt,
    status: petition.status,
    deliveredAt: petition.deliveredAt,
    deliveryNote: petition.deliveryNote,
    branchId: petition.branchId,
  };
}

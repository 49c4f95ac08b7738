import { conflict, forbidden, notFound } from '@flowgraph/kernel';

export const membershipNotFound = () => notFound('Membership');
export const alreadyMember = () => conflict('This user is already a member');
export const ownerOnly = () => forbidden('Only an owner can grant or remove the owner role');
export const lastOwner = () => conflict('An organization keeps at least one owner');

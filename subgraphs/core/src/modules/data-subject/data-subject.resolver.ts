import type { DataSubjectRequestKind, DataSubjectRequestStatus, Resolvers } from '../../generated/graphql';
import { exportDownloadUrl } from './export-link';

export const dataSubjectResolvers: Resolvers = {
  Query: {
    dataSubjectRequests: (_parent, _args, ctx) => ctx.dataSubject.service.latest(ctx.identity),
  },
  Mutation: {
    requestDataExport: async (_parent, _args, ctx) => ({ request: await ctx.dataSubject.service.requestExport(ctx.identity) }),
    deleteMyAccount: async (_parent, { confirmEmail }, ctx) => ({
      request: await ctx.dataSubject.service.deleteAccount(ctx.identity, confirmEmail),
    }),
    deleteOrganization: async (_parent, { confirmName }, ctx) => ({
      request: await ctx.dataSubject.service.deleteOrganization(ctx.identity, confirmName),
    }),
  },
  DataSubjectRequest: {
    kind: (request) => request.kind.toUpperCase() as DataSubjectRequestKind,
    status: (request) => request.status.toUpperCase() as DataSubjectRequestStatus,
    expiresAt: (request) => request.archiveExpiresAt,
    downloadUrl: (request, _args, ctx) => {
      const expires = request.archiveExpiresAt?.getTime();
      if (!request.hasArchive || !expires || expires <= Date.now() || request.downloadedAt || !request.userId) return null;
      return exportDownloadUrl(ctx.dataSubject.linkSecret, { requestId: request.id, userId: request.userId, expires });
    },
  },
};

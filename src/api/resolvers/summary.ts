import type { Resolvers } from '../generated/resolvers.js';
import { periodOf } from './shared.js';

export const summaryResolvers: Resolvers = {
  Query: {
    summary: (_, args, context) => context.read.summary(context.scope, periodOf(args)),
    viewsPosition: (_, __, context) => context.runner.position().toString(),
  },
};

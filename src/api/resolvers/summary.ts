import { readAccess } from '../access.js';
import type { Resolvers } from '../generated/resolvers.js';
import { periodOf } from './shared.js';

export const summaryResolvers: Resolvers = {
  Query: {
    summary: (_, args, context) => {
      readAccess.programme(context);
      return context.read.summary('all', periodOf(args), args.asOf);
    },
    viewsPosition: (_, __, context) => context.runner.position().toString(),
  },
};

/**
 * The physical limit of the API write figure: graphql-yoga on express, as the ledger mounts it,
 * with a mutation of the same shape as recordAttendance that returns a constant (no token check,
 * no store, no views). PORT from the environment; 127.0.0.1 only.
 */
import express from 'express';
import { createSchema, createYoga } from 'graphql-yoga';

const schema = createSchema({
  typeDefs: /* GraphQL */ `
    input RecordAttendanceInput {
      workshopId: ID!
      participantIds: [ID!]!
      commandId: ID
    }
    type Workshop {
      id: ID!
      status: String!
      attendeeCount: Int!
    }
    type WorkshopPayload {
      workshop: Workshop!
      position: String!
    }
    type Query {
      ok: Boolean!
    }
    type Mutation {
      recordAttendance(input: RecordAttendanceInput!): WorkshopPayload!
    }
  `,
  resolvers: {
    Query: { ok: () => true },
    Mutation: {
      recordAttendance: (_: unknown, { input }: { input: { workshopId: string; participantIds: string[] } }) => ({
        workshop: { id: input.workshopId, status: 'HELD', attendeeCount: input.participantIds.length },
        position: '1',
      }),
    },
  },
});

const yoga = createYoga({ schema, graphqlEndpoint: '/graphql', landingPage: false, graphiql: false, logging: false });
const app = express();
app.disable('x-powered-by');
app.get('/healthz', (_req, res) => {
  res.json({ status: 'ok' });
});
app.use('/graphql', yoga);
const port = Number(process.env.PORT ?? 0);
const server = app.listen(port, '127.0.0.1', () => {
  const address = server.address();
  console.log(`bare yoga listening on ${typeof address === 'object' && address ? address.port : port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));

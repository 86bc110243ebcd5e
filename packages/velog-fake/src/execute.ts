import {
  type DocumentNode,
  execute,
  type GraphQLError,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  parse,
  validate,
  valueFromASTUntyped,
} from 'graphql';
import { DatabaseError, VelogKnownError } from './errors.js';
import type { FieldCall } from './faults.js';
import { type ResolverContext, v2Root, v3Root } from './resolvers.js';
import { v2Schema } from './schema/v2.js';
import { v3Schema } from './schema/v3.js';

export type Server = 'v2' | 'v3';

export interface GraphQLResponse {
  status: number;
  body: unknown;
}

export type PreparedRequest =
  | {
      ok: false;
      response: GraphQLResponse;
      operationName: string | null;
      variables: Vars;
      /** The root fields asked for, when the document at least parsed. */
      calls: FieldCall[];
    }
  | {
      ok: true;
      document: DocumentNode;
      variables: Vars;
      operationName: string | null;
      calls: FieldCall[];
    };

type Vars = Record<string, unknown> | null;

const schemas: Record<Server, GraphQLSchema> = { v2: v2Schema, v3: v3Schema };
const roots = { v2: v2Root, v3: v3Root };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function selectOperation(
  document: DocumentNode,
  operationName: string | null,
): OperationDefinitionNode | null {
  const operations = document.definitions.filter(
    (definition): definition is OperationDefinitionNode =>
      definition.kind === Kind.OPERATION_DEFINITION,
  );
  if (operationName !== null) {
    return operations.find((operation) => operation.name?.value === operationName) ?? null;
  }
  return operations.length === 1 ? (operations[0] ?? null) : null;
}

/** The root fields a document asks for, with the post each is about (for per-post faults). */
export function fieldCalls(
  document: DocumentNode,
  operationName: string | null,
  variables: Vars,
): FieldCall[] {
  const operation = selectOperation(document, operationName);
  if (operation === null) return [];
  const calls: FieldCall[] = [];
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) continue;
    const args: Record<string, unknown> = {};
    for (const argument of selection.arguments ?? []) {
      args[argument.name.value] = valueFromASTUntyped(argument.value, variables ?? {});
    }
    const input = isRecord(args.input) ? args.input : args;
    const about = args.post_id ?? input.cursor;
    calls.push({
      operation: selection.name.value,
      postId: typeof about === 'string' && about !== '' ? about : null,
    });
  }
  return calls;
}

function locations(error: GraphQLError) {
  return error.locations === undefined ? {} : { locations: error.locations };
}

/**
 * What v3 answers to anything it rejects before a resolver runs (a foreign Origin, a body or
 * document it cannot take, variables that do not fit): velog's Mercurius error handler only
 * logs the error and never replies, and the request ends as HTTP 200 with an empty body.
 */
export const V3_REJECTION: GraphQLResponse = { status: 200, body: '' };

/** Apollo 2's plain-text answer to a request it cannot read. */
function v2RequestError(message: string): GraphQLResponse {
  return { status: 400, body: `${message}\n` };
}

/** Parses and validates the way each server does before anything runs. */
export function prepareRequest(server: Server, payload: unknown): PreparedRequest {
  const operationName =
    isRecord(payload) && typeof payload.operationName === 'string' ? payload.operationName : null;
  const rawVariables = isRecord(payload) ? payload.variables : undefined;
  const variables = isRecord(rawVariables) ? rawVariables : null;
  const fail = (v2Response: GraphQLResponse, calls: FieldCall[] = []): PreparedRequest => ({
    ok: false,
    response: server === 'v3' ? V3_REJECTION : v2Response,
    operationName,
    variables,
    calls,
  });

  if (!isRecord(payload) || payload.query === undefined || payload.query === null) {
    return fail(v2RequestError('POST body missing. Did you forget use body-parser middleware?'));
  }
  if (typeof payload.query !== 'string') {
    return fail(v2RequestError('GraphQL queries must be strings.'));
  }
  if (rawVariables !== undefined && rawVariables !== null && variables === null) {
    return fail(v2RequestError('Variables are invalid JSON.'));
  }

  let document: DocumentNode;
  try {
    document = parse(payload.query);
  } catch (error) {
    const parseError = error as GraphQLError;
    const entry = {
      message: parseError.message,
      ...locations(parseError),
      extensions: { code: 'GRAPHQL_PARSE_FAILED' },
    };
    return fail({ status: 400, body: { errors: [entry] } });
  }

  const validationErrors = validate(schemas[server], document);
  if (validationErrors.length > 0) {
    const errors = validationErrors.map((error) => ({
      message: error.message,
      ...locations(error),
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    }));
    return fail({ status: 400, body: { errors } }, fieldCalls(document, operationName, variables));
  }

  return {
    ok: true,
    document,
    variables,
    operationName,
    calls: fieldCalls(document, operationName, variables),
  };
}

/** Prisma's wording for a PostgreSQL error, which v3 passes on verbatim in its 500s. */
function prismaMessage(error: DatabaseError): string {
  return (
    '\nInvalid `prisma.post.findMany()` invocation:\n\n\nError occurred during query execution:\n' +
    `ConnectorError(ConnectorError { user_facing_error: None, kind: QueryError(PostgresError { code: "${error.pgCode}", message: "${error.message}", severity: "ERROR", detail: None, column: None, hint: None }), transient: false })`
  );
}

function formatV2(error: GraphQLError) {
  const original = error.originalError;
  let extensions: Record<string, unknown>;
  if (original instanceof VelogKnownError) extensions = { code: original.code };
  else if (original instanceof DatabaseError) {
    extensions = { code: 'INTERNAL_SERVER_ERROR', exception: { code: original.pgCode } };
  } else if (original === undefined) extensions = { code: 'BAD_USER_INPUT' };
  else extensions = { code: 'INTERNAL_SERVER_ERROR' };
  return {
    message: error.message,
    ...locations(error),
    ...(error.path === undefined ? {} : { path: error.path }),
    extensions,
  };
}

function formatV3(error: GraphQLError) {
  const original = error.originalError;
  const message = original instanceof DatabaseError ? prismaMessage(original) : error.message;
  return {
    message,
    ...locations(error),
    ...(error.path === undefined ? {} : { path: error.path }),
    ...(original instanceof VelogKnownError
      ? { extensions: { name: original.v3Name, message: original.message } }
      : {}),
  };
}

/** Runs a prepared request and shapes the answer in the server's own error style. */
export async function runRequest(
  server: Server,
  prepared: Extract<PreparedRequest, { ok: true }>,
  context: ResolverContext,
): Promise<GraphQLResponse> {
  const result = await execute({
    schema: schemas[server],
    document: prepared.document,
    rootValue: roots[server],
    contextValue: context,
    variableValues: prepared.variables,
    operationName: prepared.operationName,
  });
  const errors = result.errors ?? [];
  // A fault may ask for the other server's style of database error (faults.ts, `style`).
  const style =
    errors
      .map((error) => error.originalError)
      .find((error): error is DatabaseError => error instanceof DatabaseError)?.style ?? server;

  if (style === 'v2') {
    // Apollo Server 2 answers 400 when nothing executed (bad variables), else 200 with errors.
    if (result.data === undefined) {
      return { status: 400, body: { errors: errors.map(formatV2) } };
    }
    return {
      status: 200,
      body: errors.length > 0 ? { errors: errors.map(formatV2), data: result.data } : result,
    };
  }

  // Nothing executed (variables that do not fit, an unknown operation): still no resolver ran.
  if (result.data === undefined) return V3_REJECTION;
  if (errors.length === 0) return { status: 200, body: { data: result.data } };
  const unknown = errors.some((error) => !(error.originalError instanceof VelogKnownError));
  if (unknown) return { status: 500, body: { data: null, errors: errors.map(formatV3) } };
  const first = errors[0]?.originalError as VelogKnownError;
  return { status: first.status, body: { errors: errors.map(formatV3) } };
}

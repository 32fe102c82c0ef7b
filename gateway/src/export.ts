import type { IncomingMessage, ServerResponse } from 'node:http';
import { assertDocumentSize, type OperationLimits, parseWithinLimits } from '@pb/platform/operation-limits';
import { getOperationAST, type OperationDefinitionNode } from 'graphql';
import { findFirstList, type Json, toCsv } from './csv.js';

/** Where a query's result comes back as CSV instead of JSON. */
export const CSV_PATH = '/graphql.csv';
/** A POST body larger than this is refused: an export is a query and its variables, not a data upload. */
const MAX_BODY_BYTES = 1024 * 1024;

/** What the gateway answers for one GraphQL request; the export sends it through that whole pipeline. */
export type GraphQLFetch = (request: Request) => Promise<Response>;

interface GraphQLRequest {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

interface GraphQLErrorBody {
  message: string;
  extensions?: { code?: string; [key: string]: unknown };
}

/** HTTP status for the first error's code; execution errors otherwise say "your request" (400). */
const STATUS_BY_CODE: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL_SERVER_ERROR: 500,
};

/** A refusal of the export itself, in the GraphQL error shape clients already read. */
class ExportError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * `GET|POST /graphql.csv`: runs a query through the gateway exactly as `/graphql` would (the same
 * bearer token, verification, limits, error masking and subgraph scoping; personal data arrives
 * already masked) and answers the first list of its result as CSV. A result with errors is not
 * exported: a partial table would read as complete.
 */
export function createCsvExport(execute: GraphQLFetch, limits: OperationLimits) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const request = await readRequest(req);
      const operation = operationOf(request, limits);
      const response = await execute(
        new Request('http://gateway/graphql', {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'application/graphql-response+json, application/json',
            ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
          },
          body: JSON.stringify(request),
        }),
      );
      const result = (await response.json()) as { data?: Json; errors?: GraphQLErrorBody[] };
      if (result.errors?.length) {
        const code = result.errors[0]?.extensions?.code ?? '';
        const status = STATUS_BY_CODE[code] ?? (response.status >= 400 ? response.status : 400);
        return sendErrors(res, status, result.errors);
      }
      const list = findFirstList(result.data ?? null);
      if (!list) {
        throw new ExportError(
          422,
          'CSV_NO_LIST',
          'The result has no list to export as rows: select a list or a connection, e.g. ' +
            '{ socialOrganizations(first: 500) { edges { node { name } } } }.',
        );
      }
      // the name reaches a header: only the characters of a GraphQL name and dots
      const name = (
        request.operationName ??
        operation?.name?.value ??
        (list.path.join('.') || 'export')
      ).replace(/[^\w.-]/g, '_');
      res.writeHead(200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${name}.csv"`,
        'cache-control': 'no-store',
        'x-row-count': String(list.items.length),
        ...(list.totalCount === undefined ? {} : { 'x-total-count': String(list.totalCount) }),
        ...(list.hasNextPage === undefined ? {} : { 'x-has-next-page': String(list.hasNextPage) }),
        ...(list.endCursor === undefined ? {} : { 'x-end-cursor': list.endCursor }),
      });
      res.end(toCsv(list.items));
    } catch (error) {
      if (!(error instanceof ExportError)) throw error;
      sendErrors(res, error.status, [{ message: error.message, extensions: { code: error.code } }]);
    }
  };
}

async function readRequest(req: IncomingMessage): Promise<GraphQLRequest> {
  if (req.method === 'GET') {
    const params = new URL(req.url ?? '/', 'http://gateway').searchParams;
    return checked({
      query: params.get('query'),
      variables: params.has('variables') ? parseJson(params.get('variables') ?? '', 'variables') : undefined,
      operationName: params.get('operationName') ?? undefined,
    });
  }
  if (req.method !== 'POST') {
    throw new ExportError(405, 'METHOD_NOT_ALLOWED', `Use GET or POST for ${CSV_PATH}, not ${req.method}.`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      throw new ExportError(413, 'PAYLOAD_TOO_LARGE', `A ${CSV_PATH} request body is at most 1 MiB.`);
    }
    chunks.push(chunk as Buffer);
  }
  const body = parseJson(Buffer.concat(chunks).toString('utf8'), 'the request body');
  if (typeof body !== 'object' || body === null) {
    throw badRequest('Send a JSON object { "query": "…", "variables": {…}, "operationName": "…" }.');
  }
  return checked(body as Record<string, unknown>);
}

function checked(body: Record<string, unknown>): GraphQLRequest {
  const { query, variables, operationName } = body;
  if (typeof query !== 'string' || query.trim() === '') {
    throw badRequest('Give the query to export: "query" (a GraphQL query document).');
  }
  if (
    variables !== undefined &&
    variables !== null &&
    (typeof variables !== 'object' || Array.isArray(variables))
  ) {
    throw badRequest('"variables" must be a JSON object of variable values.');
  }
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') {
    throw badRequest('"operationName" must be the name of an operation in the query.');
  }
  return {
    query,
    ...(variables ? { variables: variables as Record<string, unknown> } : {}),
    ...(operationName ? { operationName } : {}),
  };
}

/**
 * The operation to run, refused unless a query: a mutation behind a download link could be replayed by
 * a GET. A document that does not parse, or whose operation is unclear, goes on to the gateway, which
 * says what is wrong.
 */
function operationOf(
  { query, operationName }: GraphQLRequest,
  limits: OperationLimits,
): OperationDefinitionNode | null {
  let operation: OperationDefinitionNode | null;
  try {
    // within the same size and token limits as the gateway's own parse, which says what is wrong
    assertDocumentSize(query, limits);
    operation = getOperationAST(parseWithinLimits(query, limits), operationName) ?? null;
  } catch {
    return null;
  }
  if (operation && operation.operation !== 'query') {
    throw new ExportError(
      400,
      'CSV_QUERY_ONLY',
      `Only queries can be exported as CSV; send this ${operation.operation} to /graphql.`,
    );
  }
  return operation;
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest(`${what} is not valid JSON.`);
  }
}

const badRequest = (message: string) => new ExportError(400, 'BAD_USER_INPUT', message);

function sendErrors(res: ServerResponse, status: number, errors: GraphQLErrorBody[]): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify({ errors }));
}

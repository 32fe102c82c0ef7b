/**
 * The event payloads between the subgraphs: every field a consumer's type reads must be one its
 * producer writes. Compared by field name, from each side's TypeScript source (types are not compared).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ts from 'typescript';
import { REPO_DIR } from './operations.mjs';

/** Where each event's producer writes it and where its consumer declares what it reads. */
export const EVENT_CONTRACTS = [
  {
    event: 'SocialOrganizationChanged',
    producer: 'organization',
    producedIn: 'services/organization/src/events/announcer.ts',
    consumer: 'party-work',
    consumedIn: 'services/party-work/src/organization-replica/organization-replica.service.ts',
    consumerType: 'OrganizationSnapshot',
  },
  {
    event: 'PartyOrganizationChanged',
    producer: 'organization',
    producedIn: 'services/organization/src/events/announcer.ts',
    consumer: 'party-work',
    consumedIn: 'services/party-work/src/organization-replica/organization-replica.service.ts',
    consumerType: 'PartyOrganizationSnapshot',
  },
  {
    event: 'FullMemberCountChanged',
    producer: 'party-work',
    producedIn: 'services/party-work/src/full-member-count/full-member-count.service.ts',
    consumer: 'organization',
    consumedIn: 'services/organization/src/events/party-work-events.ts',
    consumerType: 'FullMemberCountChanged',
  },
];

/**
 * Problems (a field the consumer needs that the producer does not write) and warnings (an optional one),
 * for `contracts`, their paths relative to `root`.
 */
export async function checkEventContracts(contracts = EVENT_CONTRACTS, root = REPO_DIR) {
  const problems = [];
  const warnings = [];
  for (const contract of contracts) {
    const produced = producedFields(await source(root, contract.producedIn), contract.event);
    const consumed = interfaceFields(await source(root, contract.consumedIn), contract.consumerType);
    const where = `${contract.consumedIn} (${contract.consumerType})`;
    if (!produced) {
      problems.push(`${contract.event}: no payload found in ${contract.producedIn}`);
      continue;
    }
    if (!consumed) {
      problems.push(`${contract.event}: no type ${contract.consumerType} in ${contract.consumedIn}`);
      continue;
    }
    for (const [field, optional] of consumed) {
      if (produced.has(field)) continue;
      const line = `${contract.event}.${field}: ${contract.consumer} reads it (${where}), ${contract.producer} does not write it (${contract.producedIn})`;
      (optional ? warnings : problems).push(optional ? `${line}; optional there` : line);
    }
  }
  return { problems, warnings };
}

async function source(root, path) {
  return ts.createSourceFile(path, await readFile(join(root, path), 'utf8'), ts.ScriptTarget.Latest, true);
}

/**
 * The payload's fields: the producer writes either an object literal `{ type: 'Event', data: { … } }`
 * or declares `interface Event extends DomainEvent<{ … }>`.
 */
function producedFields(file, event) {
  let fields;
  const visitNode = (node) => {
    if (fields) return;
    if (ts.isObjectLiteralExpression(node)) {
      const type = property(node, 'type');
      const data = property(node, 'data');
      if (type && ts.isStringLiteral(type.initializer) && type.initializer.text === event && data) {
        if (ts.isObjectLiteralExpression(data.initializer))
          fields = new Set(data.initializer.properties.map((p) => p.name?.getText(file)).filter(Boolean));
      }
    }
    if (ts.isInterfaceDeclaration(node) && node.name.text === event) {
      const payload = node.heritageClauses?.[0]?.types[0]?.typeArguments?.[0];
      if (payload && ts.isTypeLiteralNode(payload))
        fields = new Set(payload.members.map((m) => m.name?.getText(file)).filter(Boolean));
    }
    ts.forEachChild(node, visitNode);
  };
  visitNode(file);
  return fields;
}

function property(literal, name) {
  return literal.properties.find((p) => ts.isPropertyAssignment(p) && p.name.getText() === name);
}

/** The fields of `interface name { … }`, each with whether it is optional. */
function interfaceFields(file, name) {
  const declaration = file.statements.find((s) => ts.isInterfaceDeclaration(s) && s.name.text === name);
  if (!declaration) return undefined;
  return new Map(declaration.members.map((m) => [m.name.getText(file), Boolean(m.questionToken)]));
}

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * What docker-compose.yml, docker-compose.prod.yml, the Dockerfiles and .dockerignore promise, checked
 * without Docker (`docker compose config` needs an engine): read as YAML, the override merged over the
 * base the way Compose merges the keys used here (environment by name, the rest replaced).
 */

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  restart?: string;
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
  secrets?: string[];
}
interface ComposeFile {
  services: Record<string, Service>;
  secrets?: Record<string, { file: string }>;
}

const root = new URL('../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
// merge: the files share settings through YAML merge keys (`<<: *service-env`), as Compose reads them
const compose = (path: string) => parse(read(path), { merge: true }) as ComposeFile;

const base = compose('docker-compose.yml');
const production = compose('docker-compose.prod.yml');
const merged: ComposeFile = {
  services: Object.fromEntries(
    Object.entries(base.services).map(([name, service]) => {
      const override = production.services[name] ?? {};
      const environment = { ...service.environment, ...override.environment };
      return [name, { ...service, ...override, environment }];
    }),
  ),
  secrets: production.secrets,
};

/** Our own services: built from this repository, as opposed to pulled images (MySQL, Redis). */
const ours = Object.entries(base.services).filter(([, service]) => service.build);
const subgraphs = ['organization', 'party-work'];

/** The `ENV` a service's Dockerfile sets in its last (runtime) stage. */
function imageEnvironment(service: Service): Record<string, string> {
  const dockerfile = read(service.build!.dockerfile);
  const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
  const environment: Record<string, string> = {};
  for (const [, assignments] of runtime.matchAll(/^ENV (.+)$/gm)) {
    for (const [, name, value] of assignments!.matchAll(/(\w+)=(\S+)/g)) environment[name!] = value!;
  }
  return environment;
}

/** The environment a container of the service runs with: its image's, then the compose file's. */
const environmentOf = (service: Service) => ({ ...imageEnvironment(service), ...service.environment });

// an exact version (7.4.6, not 7 or latest), optionally with a variant and a digest
const PINNED = /^[\w./-]+:\d+\.\d+\.\d+(-[\w.-]+)?(@sha256:[0-9a-f]{64})?$/;

describe('docker-compose.yml', () => {
  it('pins every image, pulled or built from', () => {
    const images = Object.values(base.services).flatMap((service) => (service.image ? [service.image] : []));
    for (const [, service] of ours) {
      const dockerfile = read(service.build!.dockerfile);
      const stages = [...dockerfile.matchAll(/^FROM \S+ AS (\S+)$/gm)].map(([, stage]) => stage);
      for (const [, image] of dockerfile.matchAll(/^FROM (\S+)/gm)) {
        if (!stages.includes(image)) images.push(image!);
      }
    }
    expect(images.length).toBeGreaterThan(2);
    expect(images.filter((image) => !PINNED.test(image))).toEqual([]);
  });

  it('restarts every service that stops', () => {
    for (const [name, service] of Object.entries(base.services)) {
      expect([name, service.restart]).toEqual([name, expect.stringMatching(/^(unless-stopped|on-failure)$/)]);
    }
  });

  it("checks our services' health at /healthz, with node (the images have no curl), on their port", () => {
    expect(ours.map(([name]) => name).sort()).toEqual(['gateway', 'organization', 'party-work']);
    for (const [name, service] of ours) {
      const port = environmentOf(service).PORT;
      expect([name, service.healthcheck?.test.slice(0, 2)]).toEqual([name, ['CMD', 'node']]);
      expect([name, service.healthcheck?.test.at(-1)]).toEqual([
        name,
        expect.stringContaining(`http://127.0.0.1:${port}/healthz`),
      ]);
    }
  });

  it('has our services listen on every interface of their container', () => {
    for (const [name, service] of ours)
      expect([name, environmentOf(service).HOST]).toEqual([name, '0.0.0.0']);
  });

  it('starts a service only once what it depends on is healthy', () => {
    for (const [name, service] of Object.entries(base.services)) {
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect([name, dependency, condition]).toEqual([name, dependency, 'service_healthy']);
        expect(base.services[dependency]?.healthcheck, `${dependency} has a healthcheck`).toBeDefined();
      }
    }
    for (const subgraph of subgraphs) {
      expect(Object.keys(base.services[subgraph]!.depends_on ?? {}).sort()).toEqual(['mysql', 'redis']);
    }
    expect(Object.keys(base.services.gateway!.depends_on ?? {}).sort()).toEqual(subgraphs);
  });

  it('runs each subgraph as its own MySQL account, owned by an account of its own, never root', () => {
    const accounts = read('docker/mysql-init/accounts.sh');
    const users = (file: ComposeFile) =>
      subgraphs.map((name) => {
        const environment = file.services[name]!.environment ?? {};
        return [environment.MYSQL_URL, environment.MYSQL_OWNER_URL].map((url) =>
          url ? new URL(url).username : undefined,
        );
      });
    const expected = [
      ['pb_organization', 'pb_organization_owner'],
      ['pb_party_work', 'pb_party_work_owner'],
    ];
    expect(users(base)).toEqual(expected);
    expect(users(merged)).toEqual(expected);
    // the accounts exist: MySQL's image runs the script when it initialises its volume
    expect(base.services.mysql!.volumes).toContain('./docker/mysql-init:/docker-entrypoint-initdb.d:ro');
    expect(accounts).toMatch(/^pb_accounts pb_organization ORGANIZATION$/m);
    expect(accounts).toMatch(/^pb_accounts pb_party_work PARTY_WORK$/m);
    // an owner holds its own database only; the service account is granted its tables by it
    expect(accounts).toMatch(
      /^GRANT ALL PRIVILEGES ON \\`\$\{database\}\\`\.\* TO '\$\{database\}_owner'@'%' WITH GRANT OPTION;$/m,
    );
    expect(accounts).not.toMatch(/ON \*\.\*/);
    // nothing but MySQL itself holds root's password
    for (const [name, service] of Object.entries(merged.services)) {
      if (name === 'mysql') continue;
      expect([name, service.secrets?.includes('mysql_password') ?? false]).toEqual([name, false]);
      for (const url of [service.environment?.MYSQL_URL, service.environment?.MYSQL_OWNER_URL]) {
        if (url) expect([name, new URL(url).username]).not.toEqual([name, 'root']);
      }
    }
  });

  it('serves the supergraph built into the gateway image, mounting nothing from a checkout', () => {
    expect(base.services.gateway!.volumes ?? []).toEqual([]);
    expect(production.services.gateway!.volumes ?? []).toEqual([]);
    expect(read('gateway/Dockerfile')).toMatch(
      /^COPY schema\/supergraph\.graphql schema\/supergraph\.graphql$/m,
    );
  });
});

describe('docker-compose.prod.yml', () => {
  it('runs our services in production', () => {
    for (const [name] of ours) {
      expect([name, merged.services[name]!.environment?.NODE_ENV]).toEqual([name, 'production']);
    }
  });

  it('takes every secret from a file mounted for it, and none from the environment', () => {
    const secretVariables = [
      'JWT_SECRET',
      'GATEWAY_SECRET',
      'MYSQL_PASSWORD',
      'MYSQL_OWNER_PASSWORD',
      'PERSONAL_DATA_KEY',
      'WALL_TOKEN',
    ];
    for (const [name, service] of Object.entries(merged.services)) {
      const environment = service.environment ?? {};
      for (const variable of secretVariables) {
        expect([name, variable, environment[variable]]).toEqual([name, variable, undefined]);
      }
      // the accounts' passwords MySQL's container creates them with: from files too (empty is unset)
      for (const [variable, value] of Object.entries(environment)) {
        if (/PASSWORD$/.test(variable)) expect([name, variable, value]).toEqual([name, variable, '']);
      }
      // a password in a URL is a secret in the environment too
      for (const url of [environment.MYSQL_URL, environment.MYSQL_OWNER_URL]) {
        if (url) expect([name, new URL(url).password]).toEqual([name, '']);
      }
      for (const [variable, path] of Object.entries(environment)) {
        if (!variable.endsWith('_FILE')) continue;
        const secret = /^\/run\/secrets\/(\w+)$/.exec(path)?.[1];
        expect([name, variable, secret && service.secrets?.includes(secret)]).toEqual([name, variable, true]);
        expect(merged.secrets?.[secret!]?.file).toMatch(/^\.\/secrets\//);
      }
    }
    for (const [name] of ours) {
      expect([name, merged.services[name]!.environment?.JWT_SECRET_FILE]).toEqual([
        name,
        '/run/secrets/jwt_secret',
      ]);
      // the gateway signs with it and each subgraph checks with it: all three hold the same one
      expect([name, merged.services[name]!.environment?.GATEWAY_SECRET_FILE]).toEqual([
        name,
        '/run/secrets/gateway_secret',
      ]);
    }
    expect(merged.services['party-work']!.environment?.PERSONAL_DATA_KEY_FILE).toBe(
      '/run/secrets/personal_data_key',
    );
    // the MySQL image refuses MYSQL_ROOT_PASSWORD and its _FILE both set; the empty value is unset
    expect(merged.services.mysql!.environment).toMatchObject({
      MYSQL_ROOT_PASSWORD: '',
      MYSQL_ROOT_PASSWORD_FILE: '/run/secrets/mysql_password',
    });
  });

  it('names no development secret, key or token', () => {
    expect(read('docker-compose.prod.yml')).not.toMatch(/pb-development|change-me|eyJ/);
  });
});

describe('the images', () => {
  const dockerfiles = ours.map(([, service]) => service.build!.dockerfile);

  it('install dependencies from the manifests alone, before any source is copied', () => {
    for (const path of dockerfiles) {
      const lines = read(path).split('\n');
      const install = lines.findIndex((line) => line.startsWith('RUN pnpm install --frozen-lockfile'));
      const firstSource = lines.findIndex(
        (line) =>
          line.startsWith('COPY ') &&
          !/^COPY (--from=\S+ )?\S*(package\.json|pnpm-\S+|\.npmrc)( |$)/.test(line),
      );
      expect([path, install]).toEqual([path, expect.any(Number)]);
      expect([path, install >= 0 && install < firstSource]).toEqual([path, true]);
      expect([path, lines.filter((line) => /^COPY \. /.test(line))]).toEqual([path, []]);
    }
  });

  it('use the pnpm that package.json names', () => {
    const pnpm = (JSON.parse(read('package.json')) as { packageManager: string }).packageManager;
    for (const path of dockerfiles) {
      expect([path, /npm install -g (pnpm@\S+)/.exec(read(path))?.[1]]).toEqual([path, pnpm]);
    }
  });

  it('leave dependencies, builds, local data, secrets and git out of the build context', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.startsWith('#'));
    expect(ignored).toEqual(
      expect.arrayContaining(['**/node_modules', '**/dist', '.data', '.git', 'secrets']),
    );
  });
});

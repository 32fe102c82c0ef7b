import { describe, expect, it, vi } from 'vitest';
import { DEVELOPMENT_JWT_SECRET } from './config.js';
import { enclosingScopes, isWithinRegion, regionPrefix, regionsWhere } from './region-scope.js';
import { rolesAllowing, signDevelopmentToken, TokenVerifier } from './viewer.js';

const auth = {
  secret: DEVELOPMENT_JWT_SECRET,
  issuer: 'party-building-platform',
  audience: 'party-building-graph',
};

describe('viewer from a token', () => {
  it('reads subject, roles and region from a verified token', async () => {
    const verifier = await TokenVerifier.create(auth);
    const token = await signDevelopmentToken(
      { subject: 'a', roles: ['analyst'], regionCode: '330000' },
      auth,
    );
    const viewer = await verifier.viewerFromHeader(`Bearer ${token}`);
    expect(viewer).toMatchObject({ subject: 'a', roles: ['analyst'], regionCode: '330000' });
    expect(viewer.can('read:records')).toBe(true);
    expect(viewer.can('read:personal')).toBe(false);
    expect(viewer.can('write:records')).toBe(false);
  });

  it('refuses a missing, forged or foreign-secret token with UNAUTHENTICATED', async () => {
    const verifier = await TokenVerifier.create(auth);
    const foreign = await signDevelopmentToken(
      { subject: 'a', roles: ['admin'] },
      { ...auth, secret: 'another-secret-that-is-at-least-32-characters' },
    );
    for (const header of [undefined, 'Bearer', 'Basic abc', `Bearer ${foreign}`]) {
      await expect(verifier.viewerFromHeader(header)).rejects.toMatchObject({
        extensions: { code: 'UNAUTHENTICATED' },
      });
    }
  });

  it('remembers a verified token only until it expires', async () => {
    const verifier = await TokenVerifier.create(auth);
    const token = await signDevelopmentToken({ subject: 'a', roles: ['wall'] }, auth, '5s');
    expect((await verifier.viewerFromHeader(`Bearer ${token}`)).subject).toBe('a');
    expect((await verifier.viewerFromHeader(`Bearer ${token}`)).subject).toBe('a');
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 10_000);
      await expect(verifier.viewerFromHeader(`Bearer ${token}`)).rejects.toMatchObject({
        extensions: { code: 'UNAUTHENTICATED' },
      });
    } finally {
      vi.useRealTimers();
    }
  });

  it('scopes reads to the viewer region and refuses others with FORBIDDEN', async () => {
    const verifier = await TokenVerifier.create(auth);
    const token = await signDevelopmentToken({ subject: 'a', roles: ['wall'], regionCode: '330000' }, auth);
    const viewer = await verifier.viewerFromHeader(`Bearer ${token}`);
    expect(viewer.scope(null)).toBe('330000');
    expect(viewer.scope('330106')).toBe('330106');
    expect(() => viewer.scope('440000')).toThrowError(/outside your region 330000/);
    expect(() => viewer.scope('33')).toThrowError(/6-digit/);
    expect(() => viewer.require('read:records')).toThrowError(/does not allow read:records/);
  });

  it('lets an auditor read the audit log and nothing else, and names the role to ask for', async () => {
    const verifier = await TokenVerifier.create(auth);
    const token = await signDevelopmentToken({ subject: 'a', roles: ['auditor'] }, auth);
    const auditor = await verifier.viewerFromHeader(`Bearer ${token}`);
    expect(auditor.roles).toEqual(['auditor']);
    const permissions = ['read:aggregates', 'read:records', 'read:personal', 'write:records'] as const;
    expect(auditor.can('read:audit')).toBe(true);
    for (const permission of permissions) expect(auditor.can(permission)).toBe(false);
    expect(rolesAllowing('read:audit')).toEqual(['admin', 'auditor']);
    const analyst = await verifier.viewerFromHeader(
      `Bearer ${await signDevelopmentToken({ subject: 'b', roles: ['analyst'] }, auth)}`,
    );
    expect(() => analyst.require('read:audit')).toThrowError(/role admin or auditor/);
  });
});

describe('region scope', () => {
  it('matches a region and everything below it', () => {
    expect(regionPrefix('330000')).toBe('33');
    expect(regionPrefix('330100')).toBe('3301');
    expect(regionPrefix('330106')).toBe('330106');
    expect(isWithinRegion('330106', '330000')).toBe(true);
    expect(isWithinRegion('330106', '330100')).toBe(true);
    expect(isWithinRegion('330206', '330100')).toBe(false);
    expect(isWithinRegion('440106', null)).toBe(true);
  });

  it('lists the scopes a county rolls up into, without repeats for municipalities', () => {
    expect(enclosingScopes('330106')).toEqual([null, '330000', '330100', '330106']);
    expect(enclosingScopes('110101')).toEqual([null, '110000', '110100', '110101']);
  });

  it('reads the cells of many scopes with one condition, each range once', () => {
    expect(regionsWhere(['330106', '330100', '330000', '440305'])).toEqual({
      where: 'WHERE (region_code LIKE ? OR region_code LIKE ?)',
      params: ['33%', '440305%'],
    });
    expect(regionsWhere(['330000', null])).toEqual({ where: '', params: [] });
    expect(regionsWhere(['330106'], 'o.region_code')).toEqual({
      where: 'WHERE (o.region_code LIKE ?)',
      params: ['330106%'],
    });
  });
});

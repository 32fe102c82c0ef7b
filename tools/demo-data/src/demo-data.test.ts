import { usccProblem, usccRegionProblem } from '@pb/platform/uscc';
import { describe, expect, it } from 'vitest';
import { demoOrganizations } from './demo-data.js';

describe('demo organizations', () => {
  it('carry USCC codes that all validate', () => {
    for (const organization of demoOrganizations(500)) expect(usccProblem(organization.uscc)).toBeNull();
  });

  it('carry codes issued in the region of their organization', () => {
    for (const organization of demoOrganizations(500))
      expect(usccRegionProblem(organization.uscc, organization.regionCode)).toBeNull();
  });
});

import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeWall, settle } from '@/__tests__/fakeWall';
import { answers } from '@/__tests__/fixtures';
import { setLocale } from '@/i18n';
import TeamBuildingPanel from '../TeamBuildingPanel.vue';

async function mountPanel(withAnswers = answers, params = {}) {
  const wall = createFakeWall({ answers: withAnswers, params });
  const wrapper = mount(TeamBuildingPanel, { global: wall.global() });
  await settle();
  return { wall, wrapper };
}

const shown = (wrapper: ReturnType<typeof mount>, testId: string) => {
  const fact = wrapper.get(`[data-testid="${testId}"]`);
  return { value: fact.attributes('data-value'), total: fact.attributes('data-total'), text: fact.text() };
};

describe('TeamBuildingPanel', () => {
  beforeEach(() => setLocale('zh-CN'));
  afterEach(() => setLocale('zh-CN'));

  it("shows the server's 书记配备率, the organizations and branches with a secretary, 业务骨干 and 管理层", async () => {
    const { wall, wrapper } = await mountPanel(answers, { regionCode: '330000' });
    expect(wrapper.get('[data-testid="panel-team-building"]').attributes('data-status')).toBe('ready');
    expect(wrapper.text()).toContain('队伍建设');
    // the served rate, not one worked out from the counts beside it
    expect(shown(wrapper, 'team-secretary-rate')).toEqual({
      value: '0.9375',
      total: undefined,
      text: '书记配备率93.8%',
    });
    expect(shown(wrapper, 'team-with-secretary')).toEqual({
      value: '30',
      total: '32',
      text: '党组织有书记30 / 32 个',
    });
    expect(shown(wrapper, 'team-branches-with-secretary')).toEqual({
      value: '25',
      total: '27',
      text: '党支部有书记25 / 27 个',
    });
    expect(shown(wrapper, 'team-business-backbone')).toMatchObject({
      value: '1240',
      text: '业务骨干党员1,240 名',
    });
    expect(shown(wrapper, 'team-management')).toMatchObject({ value: '360', text: '管理层党员360 名' });
    for (const name of ['SecretaryFigures', 'MemberWorkRoles']) {
      expect(wall.queries.find((q) => q.name === name)?.variables, name).toEqual({ regionCode: '330000' });
    }
  });

  it('applies a newer secretary figure from its stream and ignores an older one', async () => {
    const { wall, wrapper } = await mountPanel();
    const figure = (version: string, withSecretary: number, secretaryRate: number) => ({
      secretaryStatsChanged: {
        version,
        secretaryRate,
        partyOrganizations: 32,
        withSecretary,
        branches: 27,
        branchesWithSecretary: 25,
      },
    });
    wall.emit('SecretaryStatsChanged', figure('4', 31, 0.96875));
    await settle();
    expect(shown(wrapper, 'team-secretary-rate').value).toBe('0.96875');
    expect(shown(wrapper, 'team-with-secretary').text).toContain('31 / 32');
    wall.emit('SecretaryStatsChanged', figure('2', 10, 0.3125));
    await settle();
    expect(shown(wrapper, 'team-secretary-rate').value).toBe('0.96875');
    expect(shown(wrapper, 'team-with-secretary').value).toBe('31');
  });

  it("follows the work roles on the wall's member stream, newer versions only", async () => {
    const { wall, wrapper } = await mountPanel();
    const members = (version: string, businessBackbone: number, management: number) => ({
      memberStatsChanged: { version, fullMembers: 5001, businessBackbone, management },
    });
    wall.emit('MemberStatsChanged', members('8', 1241, 361));
    await settle();
    expect(shown(wrapper, 'team-business-backbone').value).toBe('1241');
    expect(shown(wrapper, 'team-management').value).toBe('361');
    wall.emit('MemberStatsChanged', members('6', 1, 1));
    await settle();
    expect(shown(wrapper, 'team-business-backbone').value).toBe('1241');
    expect(wall.openStreams('MemberStatsChanged')).toBe(1);
    expect(wall.openStreams('SecretaryStatsChanged')).toBe(1);
  });

  it('keeps the work roles when the secretary figures are missing, and the other way round', async () => {
    const { SecretaryFigures: _secretaries, ...withoutSecretaries } = answers;
    const { wrapper: first } = await mountPanel(withoutSecretaries);
    expect(first.get('[data-testid="panel-team-building"]').attributes('data-status')).toBe('ready');
    expect(shown(first, 'team-secretary-rate').text).toBe('书记配备率—');
    expect(shown(first, 'team-management').value).toBe('360');

    const { MemberWorkRoles: _roles, ...withoutRoles } = answers;
    const { wrapper: second } = await mountPanel(withoutRoles);
    expect(shown(second, 'team-secretary-rate').value).toBe('0.9375');
    expect(shown(second, 'team-business-backbone').text).toBe('业务骨干党员—');
  });

  it('says 暂无数据 without either query', async () => {
    const { wrapper } = await mountPanel({});
    expect(wrapper.get('[data-testid="panel-team-building"]').attributes('data-status')).toBe('empty');
    expect(wrapper.text()).toContain('暂无数据');
  });

  it('has its English texts', async () => {
    const { wrapper } = await mountPanel();
    setLocale('en');
    await wrapper.vm.$nextTick();
    expect(wrapper.text()).toContain('Team building');
    expect(shown(wrapper, 'team-with-secretary').text).toBe('Org secretaries30 / 32');
    expect(shown(wrapper, 'team-management').text).toBe('Management360');
  });
});

import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { createFakeWall, settle } from '@/__tests__/fakeWall';
import { activityFigures, coverageFigures } from '@/__tests__/fixtures';
import { setLocale } from '@/i18n';
import FeedPanel from '../FeedPanel.vue';

const registration = (id: number) => ({
  socialOrganizationRegistered: {
    id: `o${id}`,
    name: `网络协会${id}`,
    registeredAt: '2026-11-27',
    region: { name: '西湖区' },
  },
});

describe('FeedPanel', () => {
  it('shows activities, registrations and new Party organizations, newest first', async () => {
    const wall = createFakeWall();
    const wrapper = mount(FeedPanel, { global: wall.global() });
    expect(wrapper.text()).toContain('等待新的动态');

    wall.emit('OrganizationRegistered', registration(1));
    wall.emit('ActivityRecorded', {
      activityRecorded: {
        id: 'a1',
        type: 'THEMED_PARTY_DAY',
        mode: 'ONLINE',
        title: '11月主题党日',
        heldAt: '2026-11-27T01:00:00Z',
        branch: { name: '某协会党支部' },
      },
    });
    wall.emit('PartyOrganizationEstablished', {
      partyOrganizationEstablished: {
        id: 'p1',
        name: '某联合党支部',
        establishedAt: '2026-11-27',
        region: null,
      },
    });
    await settle();
    const kinds = wrapper.findAll('.feed__item').map((li) => li.attributes('data-kind'));
    expect(kinds).toEqual(['partyOrganization', 'activity', 'registration']);
    expect(wrapper.text()).toContain('11月主题党日');
    expect(wrapper.text()).toContain('键对键');
  });

  it('keeps at most `max` lines however many events come, and drops a repeated event', async () => {
    const wall = createFakeWall();
    const wrapper = mount(FeedPanel, { props: { max: 5, shown: 3 }, global: wall.global() });
    for (let i = 0; i < 1000; i++) wall.emit('OrganizationRegistered', registration(i));
    wall.emit('OrganizationRegistered', registration(999));
    await settle();
    expect(wrapper.get('ol').attributes('data-count')).toBe('5');
    expect(wrapper.findAll('.feed__item')).toHaveLength(3);
    expect(wrapper.findAll('.feed__item')[0]?.text()).toContain('网络协会999');
    expect(wrapper.findAll('.feed__item')[1]?.text()).toContain('网络协会998');
  });

  it('follows the region shown and lets go of its subscriptions when unmounted', async () => {
    const wall = createFakeWall();
    const wrapper = mount(FeedPanel, { global: wall.global() });
    wall.emit('OrganizationRegistered', registration(1));
    wall.navigation.drill('330000');
    await settle();
    expect(wrapper.get('ol').attributes('data-count')).toBe('0');
    expect(wall.openStreams('OrganizationRegistered')).toBe(1);
    wrapper.unmount();
    expect(wall.openStreams('OrganizationRegistered')).toBe(0);
    expect(wall.openStreams('ActivityRecorded')).toBe(0);
  });
});

describe('FeedPanel without the record streams (a wall token)', () => {
  const coverage = (version: string, organizations: number, partyCovered: number) => ({
    coverageStatsChanged: { ...coverageFigures, version, organizations, partyCovered },
  });

  it('tells how many organizations were registered and covered, and activities held, from the figures', async () => {
    const wall = createFakeWall();
    const wrapper = mount(FeedPanel, { global: wall.global() });
    wall.failStream('OrganizationRegistered');
    wall.emit('CoverageFiguresChanged', coverage('10', 1200, 1020));
    wall.emit('CoverageFiguresChanged', coverage('12', 1202, 1021));
    // an older figure arriving late tells nothing
    wall.emit('CoverageFiguresChanged', coverage('11', 1201, 1020));
    wall.emit('ActivityFiguresChanged', { activityStatsChanged: activityFigures });
    wall.emit('ActivityFiguresChanged', {
      activityStatsChanged: {
        ...activityFigures,
        version: '5',
        activities: 321,
        byType: [...activityFigures.byType.slice(0, 2), { type: 'THEMED_PARTY_DAY', count: 121 }],
      },
    });
    await settle();
    const lines = wrapper.findAll('.feed__item').map((li) => li.text());
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain('开展组织生活 1 次');
    expect(lines[0]).toContain('主题党日');
    expect(lines[1]).toContain('1 个社会组织新纳入党组织覆盖');
    expect(lines[2]).toContain('2 个社会组织完成登记');
    // the counts are told in the language shown, also after a toggle
    setLocale('en');
    await settle();
    expect(wrapper.findAll('.feed__item')[2]?.text()).toContain('2 organization(s) registered');
    setLocale('zh-CN');
  });

  it('says nothing from the figures once the record stream of that kind flows', async () => {
    const wall = createFakeWall();
    const wrapper = mount(FeedPanel, { global: wall.global() });
    wall.emit('OrganizationRegistered', registration(1));
    wall.emit('CoverageFiguresChanged', coverage('10', 1200, 1020));
    wall.emit('CoverageFiguresChanged', coverage('11', 1201, 1020));
    await settle();
    expect(wrapper.findAll('.feed__item').map((li) => li.attributes('data-kind'))).toEqual(['registration']);
  });
});

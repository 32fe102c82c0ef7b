import { mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { createFakeWall, settle } from '@/__tests__/fakeWall';
import { answers } from '@/__tests__/fixtures';
import FeedPanel from '../FeedPanel.vue';

const registration = (id: number) => ({
  registrationFeed: {
    id: `o${id}`,
    name: `网络协会${id}`,
    registeredAt: '2026-11-27',
    region: { name: '西湖区' },
  },
});
const activity = {
  activityFeed: {
    id: 'a9',
    type: 'THEMED_PARTY_DAY',
    mode: 'ONLINE',
    heldAt: '2026-11-27T02:00:00.000Z',
    branchName: '某协会党支部',
    region: { name: '西湖区' },
  },
};
const lines = (wrapper: ReturnType<typeof mount>) =>
  wrapper.findAll('[data-testid="feed-item"]').map((li) => li.attributes('data-key'));

describe('FeedPanel', () => {
  it('opens with the latest activities, registrations and new Party organizations, newest first', async () => {
    const wall = createFakeWall({ answers });
    const wrapper = mount(FeedPanel, { global: wall.global() });
    await settle();
    // the activity was held on 27 November, the registration is of the 26th, the establishment of the 20th
    expect(lines(wrapper)).toEqual(['activity:a1', 'registration:o1', 'party:p1']);
    const text = wrapper.text();
    expect(text).toContain('西湖区网络作家协会党支部');
    expect(text).toContain('主题党日 · 键对键');
    expect(text).toContain('杭州市直播电商协会');
    expect(text).toContain('11-26');
    expect(text).toContain('宁波市网络社会组织联合党委');
  });

  it('puts each streamed line on top, names branches and organizations, and shows each once', async () => {
    const wall = createFakeWall({ answers });
    const wrapper = mount(FeedPanel, { global: wall.global() });
    await settle();
    wall.emit('RegistrationFeed', registration(1));
    wall.emit('ActivityFeed', activity);
    wall.emit('EstablishmentFeed', {
      establishmentFeed: { id: 'p2', name: '某联合党支部', establishedAt: '2026-11-27', region: null },
    });
    await settle();
    expect(lines(wrapper).slice(0, 3)).toEqual(['party:p2', 'activity:a9', 'registration:o1']);
    expect(wrapper.text()).toContain('某协会党支部');
    // a re-read after a reconnect repeats what the streams delivered: nothing shows twice
    wall.connect();
    await settle();
    expect(lines(wrapper)).toEqual(['party:p2', 'activity:a9', 'registration:o1', 'activity:a1', 'party:p1']);
  });

  it('keeps at most `max` lines however many events come, and drops a repeated event', async () => {
    const wall = createFakeWall();
    const wrapper = mount(FeedPanel, { props: { max: 5, shown: 3 }, global: wall.global() });
    for (let i = 0; i < 1000; i++) wall.emit('RegistrationFeed', registration(i));
    wall.emit('RegistrationFeed', registration(999));
    await settle();
    expect(wrapper.get('ol').attributes('data-count')).toBe('5');
    expect(wrapper.findAll('.feed__item')).toHaveLength(3);
    expect(wrapper.findAll('.feed__item')[0]?.text()).toContain('网络协会999');
    expect(wrapper.findAll('.feed__item')[1]?.text()).toContain('网络协会998');
  });

  it('shows an activity whose region the organization subgraph could not name, by its branch', async () => {
    const wall = createFakeWall({ answers });
    const wrapper = mount(FeedPanel, { global: wall.global() });
    await settle();
    // the organization subgraph is down: the gateway nulls the region and says why
    wall.emit('ActivityFeed', { activityFeed: { ...activity.activityFeed, region: null } }, [
      { message: 'A service behind the gateway is unavailable; try again in a moment.' },
    ]);
    await settle();
    expect(lines(wrapper)[0]).toBe('activity:a9');
    expect(wrapper.findAll('.feed__title')[0]?.text()).toBe('某协会党支部');
    // the subscription goes on: the next activity arrives on it
    expect(wall.openStreams('ActivityFeed')).toBe(1);
    wall.emit('ActivityFeed', { activityFeed: { ...activity.activityFeed, id: 'a10' } });
    await settle();
    expect(lines(wrapper)[0]).toBe('activity:a10');
  });

  it('drops a registration that came with errors and follows the stream again', async () => {
    vi.useFakeTimers();
    try {
      const wall = createFakeWall({ answers });
      const wrapper = mount(FeedPanel, { global: wall.global() });
      await settle();
      const before = lines(wrapper);
      wall.emit('RegistrationFeed', { registrationFeed: null }, [{ message: 'unavailable' }]);
      await settle();
      expect(lines(wrapper)).toEqual(before);
      expect(wall.openStreams('RegistrationFeed')).toBe(0);
      await vi.advanceTimersByTimeAsync(60_000);
      expect(wall.openStreams('RegistrationFeed')).toBe(1);
      wall.emit('RegistrationFeed', registration(7));
      await settle();
      expect(lines(wrapper)[0]).toBe('registration:o7');
      wrapper.unmount();
    } finally {
      vi.useRealTimers();
    }
  });

  it('follows the region shown and lets go of its subscriptions when unmounted', async () => {
    const wall = createFakeWall({ answers });
    const wrapper = mount(FeedPanel, { global: wall.global() });
    await settle();
    wall.emit('RegistrationFeed', registration(1));
    wall.answer('RecentFeed', { recentActivities: [], recentRegistrations: [], recentEstablishments: [] });
    wall.navigation.drill('330000');
    await settle();
    expect(wrapper.get('ol').attributes('data-count')).toBe('0');
    expect(wrapper.text()).toContain('等待新的动态');
    expect(wall.queries.at(-1)).toEqual({ name: 'RecentFeed', variables: { regionCode: '330000' } });
    expect(wall.openStreams('RegistrationFeed')).toBe(1);
    wrapper.unmount();
    for (const name of ['RegistrationFeed', 'ActivityFeed', 'EstablishmentFeed']) {
      expect(wall.openStreams(name)).toBe(0);
    }
  });
});

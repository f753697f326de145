import { describe, expect, it } from 'vitest';
import { CoreEventBus } from '../../src/core/host/event-bus';

describe('the core event bus', () => {
  it("tells the core's listeners before the windows, and the windows only once attached", () => {
    const bus = new CoreEventBus();
    const seen: string[] = [];
    bus.on('app.demoChanged', ({ active }) => seen.push(`listener ${active}`));
    bus.emit('app.demoChanged', { active: true });
    bus.attach((name, payload) => seen.push(`window ${name} ${JSON.stringify(payload)}`));
    bus.emit('app.demoChanged', { active: false });
    expect(seen).toEqual(['listener true', 'listener false', 'window app.demoChanged {"active":false}']);
  });

  it('keeps signals between services, out of the windows, and stops on unsubscribe', () => {
    const bus = new CoreEventBus();
    const windows: string[] = [];
    const resets: string[][] = [];
    bus.attach((name) => windows.push(name));
    const off = bus.onSignal('alerts.reset', ({ uids }) => resets.push(uids));
    bus.signal('alerts.reset', { uids: ['a'], at: 1 });
    off();
    bus.signal('alerts.reset', { uids: ['b'], at: 2 });
    expect(resets).toEqual([['a']]);
    expect(windows).toEqual([]);
  });
});

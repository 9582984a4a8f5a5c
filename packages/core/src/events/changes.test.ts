import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { Redis } from 'ioredis';
import { ChangeHub, changeChannel, instanceChanged, parseChange, publishChange } from './changes';

class FakeSub extends EventEmitter {
  subscribed: string[] = [];
  quitCalled = false;
  subscribe(channel: string) {
    this.subscribed.push(channel);
    return Promise.resolve(1);
  }
  quit() {
    this.quitCalled = true;
    return Promise.resolve('OK');
  }
}

describe('change notices', () => {
  it('publishes on the prefixed channel and never throws', async () => {
    const publish = vi.fn().mockResolvedValue(1);
    await instanceChanged({ publish } as unknown as Redis, 'p', { id: 'i1', projectId: 'pr' });
    expect(publish).toHaveBeenCalledWith('p:changes', JSON.stringify({ type: 'instance', id: 'i1', projectId: 'pr' }));
    await expect(publishChange({ publish: vi.fn().mockRejectedValue(new Error('down')) } as unknown as Redis, 'p', { type: 'image', id: 'x', projectId: null })).resolves.toBeUndefined();
  });

  it('parses notices and rejects junk', () => {
    expect(parseChange('{"type":"instance","id":"a","projectId":"b"}')).toEqual({ type: 'instance', id: 'a', projectId: 'b' });
    expect(parseChange('{"type":"flavor","id":"a"}')).toEqual({ type: 'flavor', id: 'a', projectId: null });
    expect(parseChange('nope')).toBeNull();
    expect(parseChange('{"id":1}')).toBeNull();
  });

  it('fans one subscriber connection out to listeners and closes it with the last', () => {
    const sub = new FakeSub();
    const connect = vi.fn(() => sub as unknown as Redis);
    const hub = new ChangeHub(connect, 'p');
    const a = vi.fn();
    const b = vi.fn();
    const offA = hub.subscribe(a);
    const offB = hub.subscribe(b);
    expect(connect).toHaveBeenCalledTimes(1);
    expect(sub.subscribed).toEqual([changeChannel('p')]);
    sub.emit('message', 'p:changes', '{"type":"instance","id":"i","projectId":"x"}');
    expect(a).toHaveBeenCalledWith({ type: 'instance', id: 'i', projectId: 'x' });
    expect(b).toHaveBeenCalledTimes(1);
    offA();
    expect(sub.quitCalled).toBe(false);
    offB();
    expect(sub.quitCalled).toBe(true);
    expect(hub.size).toBe(0);
  });
});

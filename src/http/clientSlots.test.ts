import { describe, expect, it } from 'vitest';
import { createClientSlots } from './clientSlots.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createClientSlots', () => {
  it('lets a client run its share at once and queues the rest, without refusing any', async () => {
    const slots = createClientSlots(2);
    const granted: number[] = [];
    const releases = Array.from({ length: 4 }, (_, i) => slots('address:a').then((release) => { granted.push(i); return release; }));
    await tick();
    expect(granted).toEqual([0, 1]);
    (await releases[0]!)();
    await tick();
    expect(granted).toEqual([0, 1, 2]);
    (await releases[1]!)();
    (await releases[1]!)();
    await tick();
    expect(granted).toEqual([0, 1, 2, 3]);
  });

  it('gives every client slots of its own', async () => {
    const slots = createClientSlots(1);
    await slots('subject:ada');
    let other = false;
    void slots('subject:grace').then(() => { other = true; });
    await tick();
    expect(other).toBe(true);
  });
});

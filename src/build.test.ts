import { describe, expect, it } from 'vitest';
import { startNodeOptions } from './build.js';

describe('startNodeOptions', () => {
  it('reads the options between node and the script', () => {
    expect(startNodeOptions('node --max-semi-space-size=8 --expose-gc dist/build/src/main.js')).toEqual(['--max-semi-space-size=8', '--expose-gc']);
    expect(startNodeOptions('node dist/build/src/main.js')).toEqual([]);
  });

  it('refuses a start script that does not run node', () => {
    expect(() => startNodeOptions('tsx src/main.ts')).toThrow(/should run node/);
  });

  it('gives only options Node accepts, from package.json', () => {
    const options = startNodeOptions();
    expect(options).toContain('--max-semi-space-size=8');
    for (const option of options) expect(process.allowedNodeEnvironmentFlags.has(option.split('=')[0]!)).toBe(true);
  });
});

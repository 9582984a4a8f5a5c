import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultRules } from './defaults/index.js';
import { parseRule } from './parser.js';
import { parsePolicyFile } from './policy-file.js';
import { generateSample, SAMPLE_PATH } from './sample.js';

describe('etc/policy.yaml', () => {
  it('is what the generator writes (run: npx tsx packages/core/src/policy/sample.ts --write)', () => {
    expect(readFileSync(SAMPLE_PATH, 'utf8')).toBe(generateSample());
  });

  it('overrides nothing as committed, and every rule in it reads back as its default once uncommented', () => {
    const sample = generateSample();
    expect(parsePolicyFile('policy.yaml', sample).size).toBe(0);
    const uncommented = sample.replace(/^#"/gm, '"');
    const rules = parsePolicyFile('policy.yaml', uncommented);
    expect(rules.size).toBe(defaultRules.length);
    for (const rule of defaultRules) expect(rules.get(rule.name), rule.name).toEqual(parseRule(rule.checkStr));
  });
});

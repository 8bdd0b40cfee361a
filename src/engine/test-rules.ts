import type { Rule } from '../types.js';
import type { RuleExamples } from './catalog.js';
import { Engine } from './engine.js';

export interface RuleTestResult {
  id: string;
  problems: string[];
}

/**
 * Runs every rule's examples through the real engine (all rules loaded, keywords, entropy,
 * allowlists, generic-vs-specific): each example must be found by its rule, each negative not.
 */
export function testRules(rules: readonly Rule[], catalogExamples: RuleExamples): RuleTestResult[] {
  const engine = new Engine(rules);
  return rules.map((rule) => {
    const examples = rule.examples ?? catalogExamples[rule.id]?.examples ?? [];
    const negative = rule.negative ?? catalogExamples[rule.id]?.negative ?? [];
    const problems: string[] = [];
    if (examples.length < 2) problems.push(`has ${examples.length} examples; at least two are required`);
    if (negative.length < 1) problems.push('has no negative example; at least one is required');
    if (rule.keywords.length === 0) problems.push('has no keywords');
    const foundBy = (text: string) =>
      engine.scan({ kind: 'file', path: null, content: Buffer.from(text, 'utf8') }).filter((m) => m.ruleId === rule.id);
    examples.forEach((text, i) => {
      if (foundBy(text).length === 0) problems.push(`examples[${i}] is not found: ${preview(text)}`);
    });
    negative.forEach((text, i) => {
      const found = foundBy(text);
      if (found.length > 0) problems.push(`negative[${i}] is found (${preview(found[0].secret)}): ${preview(text)}`);
    });
    return { id: rule.id, problems };
  });
}

function preview(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return JSON.stringify(oneLine.length > 80 ? `${oneLine.slice(0, 77)}...` : oneLine);
}

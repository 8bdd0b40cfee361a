import { LeakguardError } from '../errors.js';
import type { Rule } from '../types.js';
import type { Config } from './validate-config.js';

/** The rules a scan runs: the catalog plus the config's own, less disabled ones, with overrides applied. */
export function resolveRules(catalog: readonly Rule[], config: Config, configFile: string): Rule[] {
  // most configs change no rule: then the catalog as it is (a hook's start-up is short and cold)
  if (config.rules.length === 0 && config.disable.length === 0 && Object.keys(config.override).length === 0) return [...catalog];
  const byId = new Map<string, Rule>();
  for (const rule of catalog) byId.set(rule.id, rule);
  for (const rule of config.rules) byId.set(rule.id, rule); // a config rule replaces a built-in one of the same id

  for (const [id, change] of Object.entries(config.override)) {
    const rule = byId.get(id);
    if (!rule) throw new LeakguardError(`${configFile}: override.${id} names no known rule`);
    byId.set(id, { ...rule, ...change });
  }
  for (const [i, id] of config.disable.entries()) {
    if (!byId.delete(id)) throw new LeakguardError(`${configFile}: disable[${i}] names no known rule ("${id}")`);
  }
  return [...byId.values()];
}

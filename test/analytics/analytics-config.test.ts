import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../core/config/config.js';
import { DEFAULT_RATING_WEIGHTS } from '../../core/config/analytics.settings.js';

describe('analytics configuration', () => {
  it('takes rating weights from RATING_WEIGHTS, keeping the defaults of parts not named', () => {
    expect(loadConfig({}).ratingWeights).toEqual(DEFAULT_RATING_WEIGHTS);
    const config = loadConfig({ RATING_WEIGHTS: '{"timeliness":0.5,"speed":0}' });
    expect(config.ratingWeights).toEqual({ ...DEFAULT_RATING_WEIGHTS, timeliness: 0.5, speed: 0 });
  });

  it('stops on malformed analytics settings with one line naming the variable', () => {
    for (const value of ['not json', '{"timelines":1}', '{"timeliness":-1}', '[1,2]']) {
      expect(() => loadConfig({ RATING_WEIGHTS: value })).toThrow(ConfigError);
      expect(() => loadConfig({ RATING_WEIGHTS: value })).toThrow(/^Invalid configuration: RATING_WEIGHTS: /);
    }
    expect(() => loadConfig({ WORKLOAD_NORM_OPEN_PER_SPECIALIST: '0' })).toThrow(/WORKLOAD_NORM_OPEN_PER_SPECIALIST/);
    expect(() => loadConfig({ ANALYTICS_WORK_MEM: '64 megabytes' })).toThrow(/ANALYTICS_WORK_MEM/);
    expect(() => loadConfig({ SATISFACTION_NEGATIVE_MAX: '5' })).toThrow(/SATISFACTION_NEGATIVE_MAX/);
  });
});

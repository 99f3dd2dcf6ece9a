import { SAMPLERS, STOPPERS, describeSettings, type SettingDescriptor } from '@sweepwise/tuner';
import { describe, expect, it } from 'vitest';
import { rangeText, settingTexts, settingsOf } from '../lib/setting-fields';

const setting = (settings: SettingDescriptor[], key: string) =>
  settings.find((s) => s.key === key)!;
const gp = describeSettings(SAMPLERS.gp.settings);
const asha = describeSettings(STOPPERS.asha.settings);

describe('setting fields', () => {
  it('shows each declared range', () => {
    expect(rangeText(setting(gp, 'startupTrials'))).toBe('integer, 1 to 10,000');
    expect(rangeText(setting(gp, 'acquisitionFlops'))).toBe('number, > 0 and <= 10,000,000,000');
    expect(rangeText(setting(gp, 'startup'))).toBe('');
    expect(rangeText(setting(asha, 'maxResource'))).toBe(
      'number, > minResource and <= 1,000,000,000, may be empty',
    );
    const hyperband = describeSettings(STOPPERS.hyperband.settings);
    expect(rangeText(setting(hyperband, 'maxResource'))).toMatch(/, required$/);
    const pbt = describeSettings(SAMPLERS.pbt.settings);
    expect(rangeText(setting(pbt, 'perturbationFactors'))).toBe(
      '1 to 100 numbers, each > 0 and <= 100',
    );
    const threshold = describeSettings(STOPPERS.threshold.settings);
    expect(rangeText(setting(threshold, 'bound'))).toBe('number, required');
  });

  it('round-trips every default of every registry: the defaults send nothing', () => {
    for (const f of [...Object.values(SAMPLERS), ...Object.values(STOPPERS)]) {
      const settings = describeSettings(f.settings);
      const texts = settingTexts(settings);
      expect(settingsOf(settings, texts, ['x'])).toEqual({ settings: {}, errors: {} });
    }
  });

  it('treats an empty field as the default', () => {
    expect(settingsOf(gp, { ...settingTexts(gp), candidates: '  ' }, [])).toEqual({
      settings: {},
      errors: {},
    });
  });
});

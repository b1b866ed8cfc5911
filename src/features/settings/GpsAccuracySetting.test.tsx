/**
 * The GPS warning threshold is set per device: the value typed here is what the service point
 * form reads (accuracyThreshold), a value out of range is refused in words and changes nothing,
 * and a fresh screen shows the value in force.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setLocale } from '../../i18n';
import { accuracyThreshold } from '../shared/useGeolocation';
import { GpsAccuracySetting } from './GpsAccuracySetting';

const KEY = 'cundian.gpsAccuracyThreshold';

beforeEach(() => localStorage.removeItem(KEY));
afterEach(() => {
  cleanup();
  setLocale('zh-CN');
  localStorage.removeItem(KEY);
});

function typeAndSave(value: string, label = '定位精度提醒（米）', save = '保存精度提醒') {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
  fireEvent.click(screen.getByRole('button', { name: save }));
}

describe('GPS accuracy setting', () => {
  it('starts at the default and saves a new threshold the point form then uses', () => {
    render(<GpsAccuracySetting />);
    expect((screen.getByLabelText('定位精度提醒（米）') as HTMLInputElement).value).toBe('50');
    expect(accuracyThreshold()).toBe(50);

    typeAndSave(' 100 ');
    expect(screen.getByRole('status').textContent).toBe('已保存。定位误差超过 100 米时会提醒。');
    expect(localStorage.getItem(KEY)).toBe('100');
    expect(accuracyThreshold()).toBe(100);

    // A new visit to the screen shows the value in force.
    cleanup();
    render(<GpsAccuracySetting />);
    expect((screen.getByLabelText('定位精度提醒（米）') as HTMLInputElement).value).toBe('100');
  });

  it.each(['5', '501', '30.5', 'abc', ''])('refuses %j in words and keeps the old value', (bad) => {
    localStorage.setItem(KEY, '30');
    render(<GpsAccuracySetting />);
    typeAndSave(bad);
    const input = screen.getByLabelText('定位精度提醒（米）');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('请填 10 到 500 之间的整数（米）。')).toBeTruthy();
    expect(localStorage.getItem(KEY)).toBe('30');
    expect(accuracyThreshold()).toBe(30);
  });

  it('accepts both ends of the range, and speaks English', () => {
    setLocale('en');
    render(<GpsAccuracySetting />);
    typeAndSave('10', 'Accuracy warning (metres)', 'Save the warning');
    expect(accuracyThreshold()).toBe(10);
    typeAndSave('500', 'Accuracy warning (metres)', 'Save the warning');
    expect(accuracyThreshold()).toBe(500);
    typeAndSave('9', 'Accuracy warning (metres)', 'Save the warning');
    expect(screen.getByText('Enter a whole number of metres from 10 to 500.')).toBeTruthy();
    expect(accuracyThreshold()).toBe(500);
  });

  it('ignores a stored value out of range (set by hand) and falls back to 50 m', () => {
    localStorage.setItem(KEY, '2000');
    expect(accuracyThreshold()).toBe(50);
    localStorage.setItem(KEY, 'nonsense');
    expect(accuracyThreshold()).toBe(50);
  });
});

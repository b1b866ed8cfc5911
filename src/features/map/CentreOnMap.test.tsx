/** CentreOnMap: a township with a place moves the map there; one without says so in words. */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadScreenStrings } from '../../i18n';
import { CentreOnMap } from './CentreOnMap';
import { useMapStore } from './mapStore';

describe('CentreOnMap', () => {
  beforeAll(() => loadScreenStrings());
  afterEach(cleanup);

  it('is a button named after the township that asks the map to go there', () => {
    const before = useMapStore.getState().focus?.seq ?? 0;
    const target = { lat: 30.2, lng: 120.1, datum: 'WGS84' as const, zoom: 12 };
    render(<CentreOnMap name="城关镇" target={target} />);
    fireEvent.click(screen.getByRole('button', { name: '在地图上查看城关镇' }));
    expect(useMapStore.getState().focus).toMatchObject({ ...target, seq: before + 1 });
  });

  it('says the place is unknown, with no button, where the township has no position', () => {
    render(<CentreOnMap name="城关镇" target={null} />);
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.getByText('位置未知')).toBeTruthy();
  });
});

/**
 * 中心镇与试点: central towns, their flagship stores, the e-commerce pilots, the agricultural online
 * shops and the yearly targets (policy §四). One route for /towns and everything below it: the
 * screen reads the rest of the path itself (like /points), so the chosen year survives moving
 * between the overview and a town.
 *
 *   /towns                        overview: towns without a store, pilots per county, the town list
 *   /towns/central                the central-town list an admin edits
 *   /towns/town/:code             one township (stores, pilots, service points, coverage)
 *   /towns/town/:code/store-new   a new flagship store for that town
 *   /towns/store/:id(/edit)       one flagship store
 *   /towns/pilot/:id              one pilot
 *   /towns/shops(/new|/:id)       agricultural shops
 *   /towns/targets                → /assessment/targets (the targets grid)
 */
import { useState } from 'react';
import { Redirect, useLocation } from 'wouter';
import { useT } from '../../app/i18n';
import { CentralTowns } from './CentralTowns';
import { Overview } from './Overview';
import { PilotDetail } from './PilotDetail';
import { ShopForm, ShopList } from './Shops';
import { StoreDetail } from './StoreDetail';
import { StoreForm } from './StoreForm';
import { TownPage } from './TownPage';
import { TownsNav, YearSelect, currentYear } from './shared';
import './towns.css';

export default function TownsScreen() {
  const t = useT();
  const [location] = useLocation();
  const [year, setYear] = useState(currentYear);
  const [first, second, third] = location
    .replace(/^\/towns\/?/, '')
    .split('/')
    .filter(Boolean)
    .map(decodeURIComponent);

  let body;
  let showYear = false;
  if (!first) {
    body = <Overview year={year} />;
    showYear = true;
  } else if (first === 'central') body = <CentralTowns />;
  else if (first === 'town' && second && third === 'store-new') {
    body = <StoreForm townshipCode={second} />;
  } else if (first === 'town' && second) {
    body = <TownPage code={second} year={year} />;
    showYear = true;
  } else if (first === 'store' && second && third === 'edit') body = <StoreForm id={second} />;
  else if (first === 'store' && second) body = <StoreDetail id={second} />;
  else if (first === 'pilot' && second) body = <PilotDetail id={second} />;
  else if (first === 'shops' && second === 'new') body = <ShopForm />;
  else if (first === 'shops' && second) body = <ShopForm id={second} />;
  else if (first === 'shops') {
    body = <ShopList year={year} />;
    showYear = true;
  } else if (first === 'targets') {
    // The targets are edited as a whole year's grid now; old links and bookmarks land there.
    return <Redirect to={`/assessment/targets?year=${year}`} replace />;
  } else body = <Overview year={year} />;

  return (
    <div className="screen towns-screen">
      <header className="screen__header">
        <h1 className="screen__title">{t('screen.towns')}</h1>
      </header>
      <TownsNav />
      {showYear ? (
        <div className="filters towns-year">
          <YearSelect year={year} onChange={setYear} />
        </div>
      ) : null}
      {body}
    </div>
  );
}

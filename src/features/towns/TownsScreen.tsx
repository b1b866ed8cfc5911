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
import { useT } from '../../i18n';
import { matchScreenRoute, paths, queryString } from '../shared/paths';
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
  // The route table (../shared/paths.ts) says which view; src/app/routes.tsx shows the not-found
  // screen for a path under /towns it does not know (it used to show the overview).
  const route = matchScreenRoute(location, 'towns');
  if (!route) return null;

  let body;
  let showYear = false;
  switch (route.name) {
    case 'towns':
      body = <Overview year={year} />;
      showYear = true;
      break;
    case 'centralTowns':
      body = <CentralTowns />;
      break;
    case 'storeNew':
      body = <StoreForm townshipCode={route.params.code} />;
      break;
    case 'town':
      body = <TownPage code={route.params.code} year={year} />;
      showYear = true;
      break;
    case 'storeEdit':
      body = <StoreForm id={route.params.id} />;
      break;
    case 'store':
      body = <StoreDetail id={route.params.id} />;
      break;
    case 'pilot':
      body = <PilotDetail id={route.params.id} />;
      break;
    case 'shopNew':
      body = <ShopForm />;
      break;
    case 'shop':
      body = <ShopForm id={route.params.id} />;
      break;
    case 'shops':
      body = <ShopList year={year} />;
      showYear = true;
      break;
    case 'townsTargets':
      // The targets are edited as a whole year's grid now; old links and bookmarks land there.
      return <Redirect to={paths.assessmentTargets() + queryString({ year })} replace />;
  }

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

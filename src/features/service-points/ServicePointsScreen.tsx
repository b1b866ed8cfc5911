/**
 * Service points: the field officer's screen. /points lists them, /points/new registers one,
 * /points/:id shows one and /points/:id/edit edits it. Everything reads from the local database
 * through live queries and writes through actions, so it works the same with or without a connection.
 */
import { useLocation } from 'wouter';
import { ImportScreen } from './ImportScreen';
import { PointDetail } from './PointDetail';
import { PointForm } from './PointForm';
import { PointList } from './PointList';

export default function ServicePointsScreen() {
  const [location] = useLocation();
  const [first, second] = location
    .replace(/^\/points\/?/, '')
    .split('/')
    .filter(Boolean)
    .map(decodeURIComponent);
  if (!first) return <PointList />;
  if (first === 'new') return <PointForm />;
  if (first === 'import') return <ImportScreen />;
  if (second === 'edit') return <PointForm id={first} />;
  return <PointDetail id={first} />;
}

/**
 * Service points: the field officer's screen. /points lists them, /points/new registers one,
 * /points/:id shows one. Everything reads from the local database through live queries and writes
 * through actions, so it works the same with or without a connection.
 */
import { useLocation } from 'wouter';
import { PointDetail } from './PointDetail';
import { PointForm } from './PointForm';
import { PointList } from './PointList';

export default function ServicePointsScreen() {
  const [location] = useLocation();
  const rest = location.replace(/^\/points\/?/, '');
  if (rest === '') return <PointList />;
  if (rest === 'new') return <PointForm />;
  return <PointDetail id={decodeURIComponent(rest.split('/')[0]!)} />;
}

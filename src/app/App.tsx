/** The application root: the layout around the route table. Providers, when there are any, go here. */
import { Layout } from './Layout';
import { AppRoutes } from './routes';

export function App() {
  return (
    <Layout>
      <AppRoutes />
    </Layout>
  );
}

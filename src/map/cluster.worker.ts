/**
 * The cluster worker: builds and queries the cluster indexes of the page's cluster layers off the
 * main thread. The logic is ./clusterIndex.ts, the same module the main thread runs when there is
 * no worker; this file only connects it to postMessage.
 */
import { createClusterHandler, type ClusterRequest } from './clusterIndex';

const handle = createClusterHandler();

// Typed by hand: the project's lib includes both DOM and WebWorker, whose `self` is the window.
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ClusterRequest>) => void) | null;
  postMessage(message: unknown): void;
};

scope.onmessage = (event) => {
  scope.postMessage(handle(event.data));
};

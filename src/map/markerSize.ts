/**
 * Every marker on a map is a tap target at least this wide and tall, whatever the size of the
 * pin drawn in its middle: 44 px, the app's rule for every touch target (docs/APP.md,
 * Accessibility). Its own module so a small map (a point's page) does not pull in the clusters.
 */
export const MARKER_TAP_SIZE = 44;

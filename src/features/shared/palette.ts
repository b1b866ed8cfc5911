/**
 * Colours of the map: the coverage classes of the choropleth and the service-point statuses.
 * One place, because the legend, the markers, the clusters and the print view must agree.
 * The choropleth is blue (sequential, colour-blind safe) with "none yet" in orange, so it never
 * competes with the green/amber/red of the point statuses drawn on top.
 */
import type { ServicePointStatus } from '../../domain/servicePoint';

/** Index = coverageClass(): 0 no rural village, 1 = 0 %, 2..5 up to 25/50/75/100 %. */
export const COVERAGE_FILL = ['#d1d5db', '#fdae6b', '#c6dbef', '#6baed6', '#2171b5', '#08306b'];

export const STATUS_COLOUR: Record<ServicePointStatus, string> = {
  planned: '#6b7280',
  approved: '#2563eb',
  open: '#15803d',
  suspended: '#b45309',
  closed: '#991b1b',
};

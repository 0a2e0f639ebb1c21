/** All metrics are reported at this rank cutoff. */
export const METRIC_K = 10;

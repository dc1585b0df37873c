package org.fanzha.cases;

import java.time.Instant;
import java.util.List;

/** The clusters of linked cases (串并案) solved in a period, for the results bulletin. */
public interface SolvedClusters {

    /** The largest clusters (most cases) with a case solved from the first instant up to the second, largest first. */
    List<SolvedCluster> largestSolved(Instant from, Instant to, int limit);
}

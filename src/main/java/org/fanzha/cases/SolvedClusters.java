package org.fanzha.cases;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The clusters of linked cases (串并案) solved in a period, for the results bulletin. */
public interface SolvedClusters {

    /**
     * One cluster with a case solved in the period.
     *
     * @param cases the linked cases of the cluster (up to the limit searched)
     * @param solved how many of them were solved in the period
     * @param totalLoss their losses together
     * @param units the units holding them
     * @param solvingUnits the units that solved them in the period
     */
    record SolvedCluster(int cases, int solved, BigDecimal totalLoss, List<String> units, List<String> solvingUnits) {}

    /** The largest clusters (most cases) with a case solved in [from, to), largest first. */
    List<SolvedCluster> largestSolved(Instant from, Instant to, int limit);
}

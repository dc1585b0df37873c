package org.fanzha.cases;

import java.math.BigDecimal;
import java.util.List;

/**
 * A cluster of linked cases with a case solved in a period: how many cases it holds (up to the
 * limit searched), how many were solved in the period, their losses together, the units holding
 * them and the units that solved them.
 */
public record SolvedCluster(
        int cases, int solved, BigDecimal totalLoss, List<String> units, List<String> solvingUnits) {}

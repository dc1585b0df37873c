package org.fanzha.funds.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The trace page's tree: depth first, each account under the one its money first came from. */
class TraceTreeTest {

    static FundTraces.Node node(String account, int level) {
        return new FundTraces.Node(account, null, level, null, BigDecimal.ONE, false, null);
    }

    static FundTraces.Edge edge(String from, String to, int minute) {
        return new FundTraces.Edge(
                from,
                to,
                BigDecimal.ONE,
                BigDecimal.ONE,
                Instant.parse("2021-06-01T12:00:00Z").plusSeconds(60L * minute),
                null);
    }

    @Test
    void accountsFollowTheAccountTheirMoneyCameFrom() {
        // A pays B, then C, then cash; B pays D1 and D2; C also pays D1 (already under B)
        List<FundTraces.Edge> edges = List.of(
                edge("A", "B", 1),
                edge("A", "C", 2),
                edge("A", "(ATM)", 3),
                edge("B", "D1", 4),
                edge("B", "D2", 5),
                edge("C", "D1", 6));
        List<FundTraces.Node> nodes =
                List.of(node("A", 0), node("B", 1), node("C", 1), node("(ATM)", 1), node("D1", 2), node("D2", 2));
        var trace = new FundTraces.FundTrace(
                "A", Instant.parse("2021-06-01T12:00:00Z"), BigDecimal.TEN, 5, nodes, edges, 0, null);
        Map<String, FundTraces.Edge> firstIn = new LinkedHashMap<>();
        edges.forEach(e -> firstIn.putIfAbsent(e.to(), e));
        List<FundsPages.TraceRow> rows = FundsPages.tree(trace, firstIn);
        assertThat(rows).extracting(r -> r.node().account()).containsExactly("A", "B", "D1", "D2", "C", "(ATM)");
        assertThat(rows).extracting(FundsPages.TraceRow::from).containsExactly(null, "A", "B", "B", "A", "A");
    }
}

package org.fanzha.cases.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.fanzha.cases.IdentifierType;
import org.fanzha.platform.Actor;
import org.fanzha.platform.Masking;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Clusters of linked cases (串并案): the connected components of the graph in which two cases are
 * joined when they share an identifier (non-linking identifiers excepted). Computed from scratch
 * with a union-find over int arrays — one pass over the identifiers sorted by value — so a
 * million cases fit in a few tens of megabytes.
 */
@Service
class Clusters implements org.fanzha.cases.SolvedClusters {

    /** One cluster: its cases, total loss and the units that hold them. */
    record Cluster(long id, int cases, BigDecimal totalLoss, List<String> units, List<Long> caseIds) {}

    /** The network of one cluster for the picture: cases and identifiers as nodes. */
    record Graph(List<Node> nodes, List<Edge> links) {}

    record Node(
            String id,
            String name,
            String category,
            @Nullable String unit,
            double value) {}

    record Edge(String source, String target) {}

    private final JdbcTemplate jdbc;

    Clusters(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Union-find over dense indexes. */
    static final class UnionFind {
        final int[] parent;

        UnionFind(int n) {
            parent = new int[n];
            for (int i = 0; i < n; i++) {
                parent[i] = i;
            }
        }

        int find(int x) {
            while (parent[x] != x) {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }
            return x;
        }

        void union(int a, int b) {
            int ra = find(a);
            int rb = find(b);
            if (ra != rb) {
                if (ra < rb) {
                    parent[rb] = ra;
                } else {
                    parent[ra] = rb;
                }
            }
        }
    }

    /**
     * The clusters of two or more cases that reach into the actor's jurisdiction, largest first
     * (then by total loss): size, total loss and units are the whole cluster's, the case ids only
     * the actor's own (the first of them names the cluster).
     */
    @Transactional(readOnly = true)
    List<Cluster> all(int limit, Actor actor) {
        // dense indexes for case ids
        List<Long> ids = new ArrayList<>();
        Map<Long, BigDecimal> loss = new HashMap<>();
        Map<Long, String> unit = new HashMap<>();
        jdbc.query(
                con -> {
                    var ps = con.prepareStatement("SELECT id, loss_amount, unit_code FROM fraud_case ORDER BY id");
                    ps.setFetchSize(10_000);
                    return ps;
                },
                (ResultSet rs) -> {
                    long id = rs.getLong(1);
                    ids.add(id);
                    loss.put(id, rs.getBigDecimal(2));
                    unit.put(id, rs.getString(3));
                });
        long[] caseIds = ids.stream().mapToLong(Long::longValue).toArray();
        UnionFind uf = new UnionFind(caseIds.length);
        String[] last = {null};
        int[] first = {-1};
        jdbc.query(
                con -> {
                    var ps = con.prepareStatement("""
                            SELECT i.id_type, i.id_value, i.case_id FROM case_identifier i
                            WHERE NOT EXISTS (SELECT 1 FROM non_linking_identifier n WHERE n.id_type = i.id_type AND n.id_value = i.id_value)
                            ORDER BY i.id_type, i.id_value""");
                    ps.setFetchSize(10_000);
                    return ps;
                },
                (ResultSet rs) -> {
                    String key = rs.getString(1) + "\u0000" + rs.getString(2);
                    int index = Arrays.binarySearch(caseIds, rs.getLong(3));
                    if (index < 0) {
                        return;
                    }
                    if (key.equals(last[0])) {
                        uf.union(first[0], index);
                    } else {
                        last[0] = key;
                        first[0] = index;
                    }
                });
        Map<Integer, List<Long>> components = new HashMap<>();
        for (int i = 0; i < caseIds.length; i++) {
            components.computeIfAbsent(uf.find(i), k -> new ArrayList<>()).add(caseIds[i]);
        }
        return components.values().stream()
                .filter(c -> c.size() > 1)
                .filter(c -> c.stream().anyMatch(id -> actor.covers(unit.get(id))))
                .map(c -> {
                    List<Long> own = c.stream()
                            .filter(id -> actor.covers(unit.get(id)))
                            .limit(200)
                            .toList();
                    return new Cluster(
                            own.get(0),
                            c.size(),
                            c.stream().map(loss::get).reduce(BigDecimal.ZERO, BigDecimal::add),
                            List.copyOf(new TreeSet<>(c.stream().map(unit::get).toList())),
                            own);
                })
                .sorted((a, b) -> a.cases() != b.cases()
                        ? Integer.compare(b.cases(), a.cases())
                        : b.totalLoss().compareTo(a.totalLoss()))
                .limit(limit)
                .toList();
    }

    /**
     * The cluster containing a case, as a network of cases and the identifiers they share, as the
     * actor may see it: the actor's cases with their numbers, other units' cases by their unit
     * only, identifiers in full where one of the actor's cases carries them and masked otherwise.
     * Node ids are opaque running numbers, never an identifier.
     */
    @Transactional(readOnly = true)
    Graph graph(long caseId, int maxCases, Actor actor) {
        Graph full = graph(caseId, maxCases);
        Map<String, String> ids = new HashMap<>();
        java.util.function.Function<String, String> opaque = id -> ids.computeIfAbsent(id, k -> "n" + (ids.size() + 1));
        java.util.Set<String> ownCases = new java.util.HashSet<>();
        for (Node n : full.nodes()) {
            if (n.category().equals("CASE") && n.unit() != null && actor.covers(n.unit())) {
                ownCases.add(n.id());
            }
        }
        java.util.Set<String> ownIdents = new java.util.HashSet<>();
        for (Edge e : full.links()) {
            if (ownCases.contains(e.source())) {
                ownIdents.add(e.target());
            }
        }
        List<Node> nodes = full.nodes().stream()
                .map(n -> {
                    if (n.category().equals("CASE")) {
                        return ownCases.contains(n.id())
                                ? new Node(n.id(), n.name(), n.category(), n.unit(), n.value())
                                : new Node(opaque.apply(n.id()), "", n.category(), n.unit(), n.value());
                    }
                    String value = n.name().substring(n.category().length() + 1);
                    return new Node(
                            opaque.apply(n.id()),
                            ownIdents.contains(n.id()) ? value : mask(IdentifierType.valueOf(n.category()), value),
                            n.category(),
                            null,
                            n.value());
                })
                .toList();
        List<Edge> links = full.links().stream()
                .map(e -> new Edge(
                        ownCases.contains(e.source()) ? e.source() : opaque.apply(e.source()),
                        opaque.apply(e.target())))
                .toList();
        return new Graph(nodes, links);
    }

    /** An identifier of another unit's case: its type and a masked value. */
    static String mask(IdentifierType type, String value) {
        String masked = switch (type) {
            case ID_NUMBER -> Masking.idNumber(value);
            case BANK_CARD, BANK_ACCOUNT -> Masking.cardNumber(value);
            case PHONE -> Masking.phone(value);
            default -> "****" + (value.length() > 8 ? value.substring(value.length() - 4) : "");
        };
        return masked == null ? "" : masked;
    }

    /** The whole cluster, unscoped: for the statistics that count cases, never shown as it is. */
    private Graph graph(long caseId, int maxCases) {
        // breadth-first from the case over shared identifiers
        List<Node> nodes = new ArrayList<>();
        List<Edge> links = new ArrayList<>();
        java.util.Set<Long> seenCases = new java.util.LinkedHashSet<>();
        java.util.Set<String> seenIdents = new java.util.HashSet<>();
        java.util.ArrayDeque<Long> queue = new java.util.ArrayDeque<>();
        queue.add(caseId);
        seenCases.add(caseId);
        while (!queue.isEmpty() && seenCases.size() <= maxCases) {
            long current = queue.poll();
            var rows = jdbc.queryForList("""
                    SELECT o.case_id, o.id_type, o.id_value FROM case_identifier m
                    JOIN case_identifier o ON o.id_type = m.id_type AND o.id_value = m.id_value
                    WHERE m.case_id = ?
                      AND NOT EXISTS (SELECT 1 FROM non_linking_identifier n WHERE n.id_type = m.id_type AND n.id_value = m.id_value)""", current);
            for (var row : rows) {
                long other = ((Number) row.get("case_id")).longValue();
                String ident = row.get("id_type") + ":" + row.get("id_value");
                if (seenIdents.add(ident)) {
                    nodes.add(new Node("i:" + ident, ident, row.get("id_type").toString(), null, 1));
                }
                links.add(new Edge("c:" + other, "i:" + ident));
                if (seenCases.add(other) && seenCases.size() <= maxCases) {
                    queue.add(other);
                }
            }
        }
        var cases = jdbc.queryForList("SELECT id, case_number, unit_code, loss_amount FROM fraud_case WHERE id IN ("
                + String.join(",", seenCases.stream().map(String::valueOf).toList()) + ")");
        for (var row : cases) {
            long id = ((Number) row.get("id")).longValue();
            Object number = row.get("case_number");
            nodes.add(new Node(
                    "c:" + id,
                    number == null ? "#" + id : number.toString(),
                    "CASE",
                    (String) row.get("unit_code"),
                    ((BigDecimal) row.get("loss_amount")).doubleValue()));
        }
        List<Edge> distinct = links.stream().distinct().toList();
        return new Graph(nodes, distinct);
    }

    @Override
    @Transactional(readOnly = true)
    public List<org.fanzha.cases.SolvedCluster> largestSolved(java.time.Instant from, java.time.Instant to, int limit) {
        List<Long> solved = jdbc.queryForList(
                "SELECT id FROM fraud_case WHERE solved_at >= ? AND solved_at < ? AND status IN ('SOLVED', 'PROSECUTED')"
                        + " ORDER BY solved_at LIMIT 300",
                Long.class,
                java.sql.Timestamp.from(from),
                java.sql.Timestamp.from(to));
        java.util.Set<Long> covered = new java.util.HashSet<>();
        List<org.fanzha.cases.SolvedCluster> out = new ArrayList<>();
        for (long id : solved) {
            if (covered.contains(id)) {
                continue;
            }
            List<Long> members = graph(id, 500).nodes().stream()
                    .filter(n -> n.id().startsWith("c:"))
                    .map(n -> Long.parseLong(n.id().substring(2)))
                    .toList();
            covered.addAll(members);
            if (members.size() < 2) {
                continue;
            }
            var rows = jdbc.queryForList(
                    "SELECT unit_code, solving_unit, loss_amount, solved_at, status FROM fraud_case WHERE id IN ("
                            + String.join(
                                    ",", members.stream().map(String::valueOf).toList()) + ")");
            BigDecimal loss = BigDecimal.ZERO;
            TreeSet<String> units = new TreeSet<>();
            TreeSet<String> solvers = new TreeSet<>();
            int solvedHere = 0;
            for (var row : rows) {
                loss = loss.add((BigDecimal) row.get("loss_amount"));
                units.add((String) row.get("unit_code"));
                Object at = row.get("solved_at");
                java.time.Instant solvedAt = at instanceof java.sql.Timestamp t
                        ? t.toInstant()
                        : at instanceof java.time.OffsetDateTime o ? o.toInstant() : null;
                if (solvedAt != null && !solvedAt.isBefore(from) && solvedAt.isBefore(to)) {
                    solvedHere++;
                    Object by = row.get("solving_unit");
                    solvers.add(by == null ? (String) row.get("unit_code") : by.toString());
                }
            }
            out.add(new org.fanzha.cases.SolvedCluster(
                    members.size(), solvedHere, loss, List.copyOf(units), List.copyOf(solvers)));
        }
        return out.stream()
                .sorted(java.util.Comparator.comparingInt(org.fanzha.cases.SolvedCluster::cases)
                        .reversed()
                        .thenComparing(org.fanzha.cases.SolvedCluster::totalLoss, java.util.Comparator.reverseOrder()))
                .limit(limit)
                .toList();
    }
}

package org.fanzha.divisions.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fanzha.divisions.Division;
import org.fanzha.divisions.DivisionCode;
import org.fanzha.divisions.DivisionLevel;
import org.fanzha.divisions.DivisionNotFound;
import org.fanzha.divisions.Divisions;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The division table held in memory (55,164 rows, a few MB), loaded on first use. Divisions
 * change only by migration, so nothing invalidates it while the process runs.
 */
@Service
class DivisionTree implements Divisions {

    private final JdbcClient jdbc;
    private volatile @Nullable Snapshot snapshot;

    DivisionTree(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record Snapshot(
            Map<String, Division> byCode,
            Map<String, List<Division>> children,
            Map<String, String> aliases,
            List<Division> all,
            Map<DivisionLevel, List<Division>> unitsByLevel) {}

    private Snapshot snapshot() {
        Snapshot s = snapshot;
        if (s == null) {
            synchronized (this) {
                s = snapshot;
                if (s == null) {
                    s = load();
                    snapshot = s;
                }
            }
        }
        return s;
    }

    private Snapshot load() {
        List<Division> all = jdbc.sql("SELECT code, name, level, parent_code, unit FROM division ORDER BY code")
                .query((rs, i) -> new Division(
                        rs.getString(1),
                        rs.getString(2),
                        DivisionLevel.valueOf(rs.getString(3)),
                        rs.getString(4),
                        rs.getBoolean(5)))
                .list();
        Map<String, Division> byCode = new HashMap<>(all.size() * 2);
        Map<String, List<Division>> children = new HashMap<>();
        for (Division d : all) {
            byCode.put(d.code(), d);
            if (d.parentCode() != null && d.unit()) {
                children.computeIfAbsent(d.parentCode(), k -> new ArrayList<>()).add(d);
            }
        }
        children.values().forEach(list -> list.sort(Comparator.comparing(Division::code)));
        Map<String, String> aliases = new HashMap<>();
        jdbc.sql("SELECT old_code, current_code FROM division_alias").query(rs -> {
            aliases.put(rs.getString(1), rs.getString(2));
        });
        Map<DivisionLevel, List<Division>> unitsByLevel = new EnumMap<>(DivisionLevel.class);
        for (DivisionLevel level : DivisionLevel.values()) {
            unitsByLevel.put(
                    level,
                    all.stream().filter(d -> d.unit() && d.level() == level).toList());
        }
        return new Snapshot(Map.copyOf(byCode), children, Map.copyOf(aliases), List.copyOf(all), unitsByLevel);
    }

    @Override
    public DivisionCode canonical(String raw) {
        DivisionCode code = DivisionCode.of(raw);
        String current = snapshot().aliases().get(code.value());
        return current == null ? code : DivisionCode.of(current);
    }

    @Override
    public Optional<Division> find(String code) {
        return Optional.ofNullable(snapshot().byCode().get(canonical(code).value()));
    }

    @Override
    public Division get(String code) {
        return find(code).orElseThrow(() -> new DivisionNotFound(code.strip()));
    }

    @Override
    public List<Division> children(String code) {
        return snapshot().children().getOrDefault(get(code).code(), List.of());
    }

    @Override
    public int childCount(String code) {
        return children(code).size();
    }

    @Override
    public List<Division> ancestors(String code) {
        Snapshot s = snapshot();
        List<Division> path = new ArrayList<>();
        String parent = get(code).parentCode();
        while (parent != null) {
            Division d = s.byCode().get(parent);
            path.add(0, d);
            parent = d.parentCode();
        }
        return path;
    }

    @Override
    public List<Division> search(String text, String withinCode, int limit) {
        String q = text.strip();
        if (q.isEmpty()) {
            return List.of();
        }
        boolean byCode = q.chars().allMatch(Character::isDigit);
        List<Division> hits = new ArrayList<>();
        for (Division d : snapshot().all()) {
            if (!d.unit() || !d.code().startsWith(withinCode)) {
                continue;
            }
            if (byCode ? d.code().startsWith(q) : d.name().contains(q)) {
                hits.add(d);
            }
        }
        // the higher a unit, the more likely it is what was meant: 金水区 before 金水村
        hits.sort(Comparator.comparingInt((Division d) -> d.level().ordinal()).thenComparing(Division::code));
        return hits.size() > limit ? List.copyOf(hits.subList(0, limit)) : hits;
    }

    @Override
    public List<Division> atLevel(DivisionLevel level) {
        return snapshot().unitsByLevel().get(level);
    }

    @Override
    public int size() {
        return snapshot().all().size();
    }
}

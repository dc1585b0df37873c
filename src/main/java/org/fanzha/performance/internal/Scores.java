package org.fanzha.performance.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fanzha.audit.AuditLog;
import org.fanzha.divisions.Division;
import org.fanzha.divisions.DivisionLevel;
import org.fanzha.divisions.Divisions;
import org.fanzha.performance.Indicator;
import org.fanzha.performance.PerformanceProperties;
import org.fanzha.performance.PerformanceProperties.Direction;
import org.fanzha.performance.PerformanceProperties.Scheme;
import org.fanzha.performance.Period;
import org.fanzha.platform.Actor;
import org.fanzha.platform.FieldError;
import org.fanzha.platform.Forbidden;
import org.fanzha.platform.InvalidInput;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The comprehensive score (综合得分) and the ranking. For the units ranked together (the 18 city-level
 * units, or the counties of one city) each indicator of the scheme is divided by the mean of those
 * units; for lower-is-better indicators the part is 2 − ratio; each part is kept between 0 and its
 * cap; the score is 100 × Σ weight × part / Σ weight, so a unit average on every indicator scores
 * 100. A unit without the indicator scores 0 on it; an indicator no unit has (or whose mean is 0)
 * says nothing about anyone this period: it is not counted, and the score is over the weights of
 * the indicators that are (it never hands every unit full points). Adjustments (加减分) entered by province commanders are added after, apart.
 */
@Service
public class Scores {

    /** One indicator's part of a score. */
    public record Part(
            String indicator,
            BigDecimal weight,
            Direction direction,
            @Nullable BigDecimal value,
            @Nullable BigDecimal mean,
            @Nullable BigDecimal ratio,
            BigDecimal part,
            BigDecimal points) {

        /** False for an indicator no unit of the peers has this period (or whose mean is 0): not counted. */
        public boolean counted() {
            return mean != null && mean.signum() != 0;
        }
    }

    /** An adjustment (加减分). */
    public record Adjustment(
            long id,
            String unitCode,
            java.time.LocalDate effectiveOn,
            BigDecimal points,
            String reason,
            String evidence,
            String enteredBy,
            java.time.Instant enteredAt) {}

    /** One unit's score: computed, adjusted, and how. */
    public record Score(
            String unitCode,
            String name,
            BigDecimal computed,
            BigDecimal adjustments,
            BigDecimal score,
            List<Part> parts,
            List<Adjustment> adjustmentList) {}

    /** One row of a ranking. */
    public record Row(
            int rank,
            String unitCode,
            String name,
            BigDecimal score,
            BigDecimal computed,
            BigDecimal adjustments,
            @Nullable Integer previousRank,
            @Nullable Integer rankChange,
            boolean lagging) {}

    /** A ranking with the scheme it was computed under. */
    public record Ranking(String period, String level, String scheme, List<Row> rows) {}

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    private final Indicators indicators;
    private final Divisions divisions;
    private final PerformanceProperties properties;
    private final JdbcTemplate jdbc;
    private final AuditLog audit;
    private final Clock clock;

    Scores(
            Indicators indicators,
            Divisions divisions,
            PerformanceProperties properties,
            JdbcTemplate jdbc,
            AuditLog audit,
            Clock clock) {
        this.indicators = indicators;
        this.divisions = divisions;
        this.properties = properties;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    public Scheme scheme() {
        return properties.scheme();
    }

    /** The units ranked together: the city-level units, or the county-level units of one city. */
    public List<Division> peers(String level, @Nullable String parent) {
        if ("city".equals(level)) {
            return divisions.atLevel(DivisionLevel.CITY);
        }
        if ("county".equals(level)) {
            if (parent == null) {
                throw new InvalidInput(List.of(new FieldError("parent", "error.cityWhoseCountiesAreRanked", null)));
            }
            Division city = divisions
                    .find(parent)
                    .filter(d -> d.level() == DivisionLevel.CITY)
                    .orElseThrow(
                            () -> new InvalidInput(List.of(new FieldError("parent", "error.notCityLevelUnit", null))));
            return divisions.children(city.code()).stream()
                    .filter(Division::unit)
                    .filter(d -> d.level() == DivisionLevel.COUNTY)
                    .toList();
        }
        throw new InvalidInput(List.of(new FieldError("level", "error.cityCounty", null)));
    }

    /** Scores of the peers for the period, in code order. */
    public List<Score> scores(List<Division> peers, Period period) {
        List<String> codes = peers.stream().map(Division::code).toList();
        Map<String, Map<Indicator, BigDecimal>> values = indicators.values(codes, period);
        Map<String, List<Adjustment>> adjustments = adjustments(codes, period);
        Scheme scheme = properties.scheme();
        Map<String, BigDecimal> means = new HashMap<>();
        for (Scheme.Item item : scheme.items()) {
            Indicator ind = Indicator.valueOf(item.indicator());
            List<BigDecimal> present = codes.stream()
                    .map(c -> values.get(c).get(ind))
                    .filter(v -> v != null)
                    .toList();
            if (!present.isEmpty()) {
                means.put(
                        item.indicator(),
                        present.stream()
                                .reduce(BigDecimal.ZERO, BigDecimal::add)
                                .divide(BigDecimal.valueOf(present.size()), 8, RoundingMode.HALF_UP));
            }
        }
        // only indicators that say something this period weigh: one whose mean is 0 is not counted
        BigDecimal totalWeight = scheme.items().stream()
                .filter(item -> means.containsKey(item.indicator())
                        && means.get(item.indicator()).signum() != 0)
                .map(Scheme.Item::weight)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        List<Score> out = new ArrayList<>();
        for (Division unit : peers) {
            List<Part> parts = new ArrayList<>();
            BigDecimal weighted = BigDecimal.ZERO;
            for (Scheme.Item item : scheme.items()) {
                BigDecimal value = values.get(unit.code()).get(Indicator.valueOf(item.indicator()));
                BigDecimal mean = means.get(item.indicator());
                BigDecimal ratio = null;
                BigDecimal part;
                if (mean == null || mean.signum() == 0) {
                    part = BigDecimal.ZERO;
                } else if (value == null) {
                    part = BigDecimal.ZERO;
                } else {
                    ratio = value.divide(mean, 6, RoundingMode.HALF_UP);
                    BigDecimal raw = item.direction() == Direction.HIGHER ? ratio : TWO.subtract(ratio);
                    part = raw.max(BigDecimal.ZERO).min(item.cap());
                }
                BigDecimal points = totalWeight.signum() == 0
                        ? BigDecimal.ZERO
                        : HUNDRED.multiply(item.weight()).multiply(part).divide(totalWeight, 4, RoundingMode.HALF_UP);
                weighted = weighted.add(points);
                parts.add(new Part(
                        item.indicator(),
                        item.weight(),
                        item.direction(),
                        value,
                        mean == null ? null : mean.setScale(4, RoundingMode.HALF_UP),
                        ratio == null ? null : ratio.setScale(4, RoundingMode.HALF_UP),
                        part.setScale(4, RoundingMode.HALF_UP),
                        points.setScale(2, RoundingMode.HALF_UP)));
            }
            List<Adjustment> adj = adjustments.getOrDefault(unit.code(), List.of());
            BigDecimal adjusted = adj.stream().map(Adjustment::points).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal computed = weighted.setScale(2, RoundingMode.HALF_UP);
            out.add(new Score(
                    unit.code(),
                    unit.name(),
                    computed,
                    adjusted.setScale(2, RoundingMode.HALF_UP),
                    computed.add(adjusted).setScale(2, RoundingMode.HALF_UP),
                    parts,
                    adj));
        }
        return out;
    }

    /** The ranking of the peers for the period, with the change of rank against the period before. */
    public Ranking ranking(String level, @Nullable String parent, Period period) {
        List<Division> peers = peers(level, parent);
        List<Score> now = scores(peers, period);
        Map<String, Integer> before = ranks(scores(peers, period.previous()));
        Map<String, Integer> ranks = ranks(now);
        List<Score> ordered = sorted(now);
        Scheme scheme = properties.scheme();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            Score s = ordered.get(i);
            int rank = ranks.get(s.unitCode());
            Integer previous = before.get(s.unitCode());
            boolean lagging =
                    i >= ordered.size() - scheme.laggingBottom() || s.score().compareTo(scheme.laggingBelow()) < 0;
            rows.add(new Row(
                    rank,
                    s.unitCode(),
                    s.name(),
                    s.score(),
                    s.computed(),
                    s.adjustments(),
                    previous,
                    previous == null ? null : previous - rank,
                    lagging));
        }
        return new Ranking(period.label(), level, scheme.name(), rows);
    }

    private static List<Score> sorted(List<Score> scores) {
        return scores.stream()
                .sorted(Comparator.comparing(Score::score).reversed().thenComparing(Score::unitCode))
                .toList();
    }

    /** Ranks by score, equal scores sharing a rank (1, 2, 2, 4). */
    private static Map<String, Integer> ranks(List<Score> scores) {
        List<Score> ordered = sorted(scores);
        Map<String, Integer> ranks = new HashMap<>();
        for (int i = 0; i < ordered.size(); i++) {
            Score s = ordered.get(i);
            int rank = i > 0 && ordered.get(i - 1).score().compareTo(s.score()) == 0
                    ? ranks.get(ordered.get(i - 1).unitCode())
                    : i + 1;
            ranks.put(s.unitCode(), rank);
        }
        return ranks;
    }

    /** The adjustments in force for the units whose day falls in the period. */
    public Map<String, List<Adjustment>> adjustments(List<String> units, Period period) {
        Map<String, List<Adjustment>> out = new HashMap<>();
        jdbc.query(
                "SELECT * FROM perf_adjustment WHERE effective_on >= ? AND effective_on <= ? AND withdrawn_at IS NULL ORDER BY id",
                rs -> {
                    String unit = rs.getString("unit_code");
                    if (units.contains(unit)) {
                        out.computeIfAbsent(unit, k -> new ArrayList<>())
                                .add(new Adjustment(
                                        rs.getLong("id"),
                                        unit,
                                        rs.getDate("effective_on").toLocalDate(),
                                        rs.getBigDecimal("points"),
                                        rs.getString("reason"),
                                        rs.getString("evidence"),
                                        rs.getString("entered_by"),
                                        rs.getTimestamp("entered_at").toInstant()));
                    }
                },
                Date.valueOf(period.from()),
                Date.valueOf(period.to()));
        return out;
    }

    /** Enters an adjustment: province commanders only, with reason and evidence; audited. */
    @Transactional
    public Adjustment adjust(
            String unitCode,
            java.time.LocalDate effectiveOn,
            BigDecimal points,
            String reason,
            String evidence,
            Actor actor) {
        if (!indicators.isProvince(actor.unitCode())) {
            throw new Forbidden("problem.forbidden.provinceAdjusts");
        }
        List<FieldError> errors = new ArrayList<>();
        if (divisions.find(unitCode).filter(Division::unit).isEmpty()) {
            errors.add(new FieldError("unitCode", "error.notUnit", null));
        }
        if (points.signum() == 0 || points.abs().compareTo(BigDecimal.valueOf(100)) > 0 || points.scale() > 2) {
            errors.add(new FieldError("points", "error.between100100Not0At", null));
        }
        if (reason.isBlank() || reason.length() > 500) {
            errors.add(new FieldError("reason", "error.requiredAtMost500Characters", null));
        }
        if (evidence.isBlank() || evidence.length() > 1000) {
            errors.add(new FieldError("evidence", "error.requiredDocumentNumberReferenceAtMost", null));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        java.time.Instant now = clock.instant();
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.update(
                con -> {
                    var ps = con.prepareStatement(
                            "INSERT INTO perf_adjustment (unit_code, effective_on, points, reason, evidence, entered_by, entered_at)"
                                    + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                            new String[] {"id"});
                    ps.setString(1, unitCode);
                    ps.setDate(2, Date.valueOf(effectiveOn));
                    ps.setBigDecimal(3, points);
                    ps.setString(4, reason);
                    ps.setString(5, evidence);
                    ps.setString(6, actor.name());
                    ps.setTimestamp(7, Timestamp.from(now));
                    return ps;
                },
                keys);
        long id = keys.getKey().longValue();
        audit.record(
                "performance.adjust",
                "perf_adjustment",
                Long.toString(id),
                unitCode + " " + effectiveOn + " " + points.toPlainString() + ": " + reason);
        return new Adjustment(id, unitCode, effectiveOn, points, reason, evidence, actor.name(), now);
    }
}

package org.fanzha.performance.internal;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fanzha.divisions.Division;
import org.fanzha.divisions.DivisionLevel;
import org.fanzha.divisions.Divisions;
import org.fanzha.performance.Indicator;
import org.fanzha.performance.Period;
import org.fanzha.platform.FactKind;
import org.fanzha.platform.FraudType;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** The live dashboard's figures for the province or one city (or county). */
@Service
class Dashboard {

    /** The headline indicators, in the order the tiles show them. */
    static final List<Indicator> HEADLINE = List.of(
            Indicator.warningsReceived,
            Indicator.dissuaded,
            Indicator.lossAverted,
            Indicator.acknowledgedInTimeShare,
            Indicator.casesFiled,
            Indicator.lossAmount,
            Indicator.casesSolved,
            Indicator.suspectsArrested,
            Indicator.domainsBlocked,
            Indicator.cardVerifications);

    record Tile(
            String indicator,
            String period,
            @Nullable BigDecimal value,
            @Nullable BigDecimal yearChangePercent) {}

    /** One region of the map: a county of the map file, coloured by its own figure or its city's. */
    record Region(
            String code,
            String unitCode,
            String unitName,
            @Nullable BigDecimal value) {}

    record Week(String week, Map<String, BigDecimal> values) {}

    record View(
            String unitCode,
            String name,
            String level,
            LocalDate today,
            List<Tile> tiles,
            String mapIndicator,
            String mapPeriod,
            List<Region> map,
            List<Week> weeks,
            Map<String, Map<FraudType, BigDecimal>> fraudTypes,
            Scores.@Nullable Ranking ranking) {}

    private final Indicators indicators;
    private final Scores scores;
    private final Divisions divisions;
    private final JdbcTemplate jdbc;

    Dashboard(Indicators indicators, Scores scores, Divisions divisions, JdbcTemplate jdbc) {
        this.indicators = indicators;
        this.scores = scores;
        this.divisions = divisions;
        this.jdbc = jdbc;
    }

    View view(Division unit, Indicator mapIndicator, LocalDate today) {
        List<Tile> tiles = new ArrayList<>();
        Period day = Period.day(today);
        Period week = Period.range(Period.weekOf(today).from(), today);
        Period year = Period.range(LocalDate.of(today.getYear(), 1, 1), today);
        for (Period p : List.of(day, week, year)) {
            String label = p == day ? "today" : p == week ? "week" : "year";
            Map<Indicator, Indicators.Value> report = new EnumMap<>(Indicator.class);
            for (Indicators.Value v : yearOnYear(unit.code(), p)) {
                report.put(v.indicator(), v);
            }
            for (Indicator i : HEADLINE) {
                Indicators.Value v = report.get(i);
                if (v != null) {
                    tiles.add(new Tile(i.name(), label, v.value(), v.yearChangePercent()));
                }
            }
        }
        // the map: the units below, each county of the map file coloured by the unit it belongs to
        List<Division> below = unit.level() == DivisionLevel.PROVINCE
                ? divisions.atLevel(DivisionLevel.CITY)
                : divisions.children(unit.code()).stream()
                        .filter(Division::unit)
                        .toList();
        if (unit.level() == DivisionLevel.COUNTY || below.isEmpty()) {
            below = List.of(unit);
        }
        Map<String, Map<Indicator, BigDecimal>> values =
                indicators.values(below.stream().map(Division::code).toList(), year);
        List<Region> regions = new ArrayList<>();
        for (Division d : below) {
            BigDecimal v = values.get(d.code()).get(mapIndicator);
            if (d.level() == DivisionLevel.CITY && d.code().length() == 4) {
                for (Division county : divisions.children(d.code())) {
                    regions.add(new Region(county.code(), d.code(), d.name(), v));
                }
            } else {
                String county = d.level() == DivisionLevel.COUNTY
                        ? d.code()
                        : d.code().substring(0, Math.min(6, d.code().length()));
                regions.add(new Region(county, d.code(), d.name(), v));
            }
        }
        Scores.Ranking ranking = null;
        YearMonth month = YearMonth.from(today);
        Period monthToDate = Period.range(month.atDay(1), today);
        if (unit.level() == DivisionLevel.PROVINCE) {
            ranking = scores.ranking("city", null, monthToDate);
        } else if (unit.level() == DivisionLevel.CITY) {
            ranking = scores.ranking("county", unit.code(), monthToDate);
        }
        Map<String, Map<FraudType, BigDecimal>> types = new LinkedHashMap<>();
        types.put(
                FactKind.WARNING_RECEIVED.name(), indicators.byFraudType(unit.code(), FactKind.WARNING_RECEIVED, year));
        types.put(FactKind.CASE_FILED.name(), indicators.byFraudType(unit.code(), FactKind.CASE_FILED, year));
        return new View(
                unit.code(),
                unit.name(),
                unit.level().name(),
                today,
                tiles,
                mapIndicator.name(),
                year.label(),
                regions,
                weeks(unit.code(), today, 12),
                types,
                ranking);
    }

    private List<Indicators.Value> yearOnYear(String unit, Period p) {
        return indicators.report(unit, p);
    }

    /** Weekly totals of the main facts over the last weeks (the current one so far included). */
    List<Week> weeks(String unit, LocalDate today, int count) {
        Period last = Period.weekOf(today);
        LocalDate from = last.from().minusWeeks(count - 1L);
        Map<String, Map<String, BigDecimal>> byWeek = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            byWeek.put(Period.weekOf(from.plusWeeks(i)).label(), new LinkedHashMap<>());
        }
        List<String> kinds = List.of(
                FactKind.WARNING_RECEIVED.name(),
                FactKind.DISSUADED.name(),
                FactKind.CASE_FILED.name(),
                FactKind.CASE_SOLVED.name());
        jdbc.query(
                "SELECT fact_day, kind, total FROM perf_fact WHERE unit_code = ? AND fact_day >= ? AND fact_day <= ?"
                        + " AND kind IN ('WARNING_RECEIVED', 'DISSUADED', 'CASE_FILED', 'CASE_SOLVED')",
                rs -> {
                    String w = Period.weekOf(rs.getDate(1).toLocalDate()).label();
                    Map<String, BigDecimal> m = byWeek.get(w);
                    if (m != null) {
                        m.merge(rs.getString(2), rs.getBigDecimal(3), BigDecimal::add);
                    }
                },
                unit,
                Date.valueOf(from),
                Date.valueOf(today));
        List<Week> out = new ArrayList<>();
        byWeek.forEach((w, m) -> {
            Map<String, BigDecimal> values = new LinkedHashMap<>();
            for (String k : kinds) {
                values.put(k, Indicators.plain(m.getOrDefault(k, BigDecimal.ZERO)));
            }
            out.add(new Week(w, values));
        });
        return out;
    }
}

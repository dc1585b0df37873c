package org.fanzha.performance.internal;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fanzha.divisions.Division;
import org.fanzha.divisions.Divisions;
import org.fanzha.performance.Indicator;
import org.fanzha.performance.Period;
import org.fanzha.platform.FactKind;
import org.fanzha.platform.FieldError;
import org.fanzha.platform.FraudType;
import org.fanzha.platform.InvalidInput;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * 公开数据: the figures the public may see — cases accepted, loss, warnings and dissuasions, the
 * top five fraud types by count and by loss, against the period before and the year before, for a
 * unit and the cities or counties under it. The same figures as the internal indicators, as
 * published each day at 08:00 Beijing time (complete days up to the day before); any count under
 * five is shown as "<5", and a loss of fewer than five cases is not shown, so no one case can be
 * told apart.
 */
@Service
class PublicStats {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    static final LocalTime PUBLISHED_AT = LocalTime.of(8, 0);
    static final int SMALLEST = 5;
    static final List<Indicator> FIGURES =
            List.of(Indicator.casesFiled, Indicator.lossAmount, Indicator.warningsReceived, Indicator.dissuaded);

    /** One figure: the value shown ("<5" where small), with the period before and the year before. */
    record Figure(
            String indicator,
            String value,
            String previous,
            String yearBefore,
            @Nullable BigDecimal previousChangePercent,
            @Nullable BigDecimal yearChangePercent) {}

    record Ranked(FraudType fraudType, String value) {}

    record Area(String unit, String name, Map<String, String> figures) {}

    record Stats(
            String period,
            LocalDate from,
            LocalDate to,
            String unit,
            String name,
            ZonedDateTime publishedAt,
            List<Figure> figures,
            List<Ranked> topByCount,
            List<Ranked> topByLoss,
            List<Area> areas) {}

    private final Indicators indicators;
    private final Divisions divisions;
    private final Clock clock;
    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;
    private final tools.jackson.databind.json.JsonMapper json;

    PublicStats(
            Indicators indicators,
            Divisions divisions,
            Clock clock,
            org.springframework.jdbc.core.simple.JdbcClient jdbc,
            tools.jackson.databind.json.JsonMapper json) {
        this.indicators = indicators;
        this.divisions = divisions;
        this.clock = clock;
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * The figures as published today: kept from the first time they were asked for (or from 08:00),
     * so every reader sees the same figures until the next publication.
     */
    /** The units published each morning: the province, its cities and their counties. */
    List<Division> publishedUnits() {
        List<Division> units = new ArrayList<>();
        Division province = unit(null);
        units.add(province);
        for (Division city : divisions.children(province.code())) {
            if (city.unit() && city.code().length() <= 6) {
                units.add(city);
                divisions.children(city.code()).stream()
                        .filter(d -> d.unit() && d.code().length() <= 6)
                        .forEach(units::add);
            }
        }
        return units;
    }

    Stats stats(@Nullable String periodLabel, @Nullable String unitCode) {
        Division unit = unit(unitCode);
        ZonedDateTime published = published();
        Period asked = asked(periodLabel, published.toLocalDate().minusDays(1));
        java.sql.Date on = java.sql.Date.valueOf(published.toLocalDate());
        java.util.Optional<String> kept = jdbc.sql("""
                        SELECT body FROM public_stats_publication
                        WHERE published_on = ? AND period_from = ? AND period_to = ? AND unit_code = ?""")
                .params(on, java.sql.Date.valueOf(asked.from()), java.sql.Date.valueOf(asked.to()), unit.code())
                .query(String.class)
                .optional();
        if (kept.isPresent()) {
            return json.readValue(kept.get(), Stats.class);
        }
        String body = json.writeValueAsString(compute(asked, unit, published));
        try {
            jdbc.sql("""
                            INSERT INTO public_stats_publication (published_on, period_from, period_to, unit_code, body, created_at)
                            VALUES (?, ?, ?, ?, ?, ?)""")
                    .params(
                            on,
                            java.sql.Date.valueOf(asked.from()),
                            java.sql.Date.valueOf(asked.to()),
                            unit.code(),
                            body,
                            java.sql.Timestamp.from(clock.instant()))
                    .update();
        } catch (org.springframework.dao.DuplicateKeyException e) {
            // another instance published it at the same moment: theirs is the publication
            return stats(periodLabel, unitCode);
        }
        return json.readValue(body, Stats.class);
    }

    /** The last publication: today's at 08:00 once it is past, else yesterday's. */
    ZonedDateTime published() {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(CHINA));
        ZonedDateTime today = now.toLocalDate().atTime(PUBLISHED_AT).atZone(CHINA);
        return now.isBefore(today) ? today.minusDays(1) : today;
    }

    /** Seconds until the next publication, for caches. */
    long secondsToNext() {
        ZonedDateTime next = published().plusDays(1);
        return Math.max(
                60,
                Duration.between(ZonedDateTime.now(clock.withZone(CHINA)), next).toSeconds());
    }

    Division unit(@Nullable String code) {
        String c = code == null || code.isBlank() ? "41" : code.strip();
        if (c.length() > 12 || !c.chars().allMatch(Character::isDigit)) {
            throw new InvalidInput(
                    List.of(new FieldError("unit", "error.divisionCode", c.length() > 12 ? c.substring(0, 12) : c)));
        }
        // the province, its cities and their counties: the units the bulletin publishes
        return divisions
                .find(c)
                .filter(d -> d.unit() && c.length() <= 6)
                .orElseThrow(() -> new InvalidInput(List.of(new FieldError("unit", "error.statsUnit", c))));
    }

    private static Period asked(@Nullable String periodLabel, LocalDate lastDay) {
        Period asked = periodLabel == null || periodLabel.isBlank()
                ? Period.weekOf(lastDay)
                : PerformanceController.period(periodLabel);
        if (asked.from().isAfter(lastDay)) {
            throw new InvalidInput(List.of(new FieldError("period", "error.statsNotPublished", periodLabel)));
        }
        return asked;
    }

    private Stats compute(Period asked, Division unit, ZonedDateTime published) {
        LocalDate lastDay = published.toLocalDate().minusDays(1);
        Period period = cut(asked, lastDay);
        long cutDays = java.time.temporal.ChronoUnit.DAYS.between(period.to(), asked.to());
        Period previous = shorten(asked.previous(), cutDays);
        Period yearBefore = shorten(asked.yearBefore(), cutDays);
        String code = unit.code();
        Map<Indicator, BigDecimal> now =
                indicators.values(List.of(code), period).get(code);
        Map<Indicator, BigDecimal> before =
                indicators.values(List.of(code), previous).get(code);
        Map<Indicator, BigDecimal> year =
                indicators.values(List.of(code), yearBefore).get(code);
        List<Figure> figures = new ArrayList<>();
        for (Indicator i : FIGURES) {
            BigDecimal v = now.get(i);
            BigDecimal p = before.get(i);
            BigDecimal y = year.get(i);
            boolean small = small(i, now) || small(i, before) || small(i, year);
            figures.add(new Figure(
                    i.name(),
                    shown(i, now),
                    shown(i, before),
                    shown(i, year),
                    small ? null : Indicators.percent(v, p),
                    small ? null : Indicators.percent(v, y)));
        }
        Map<FraudType, BigDecimal> counts = indicators.byFraudType(code, FactKind.CASE_FILED, period);
        Map<FraudType, BigDecimal> losses = indicators.byFraudType(code, FactKind.CASE_LOSS, period);
        List<Ranked> byCount = counts.entrySet().stream()
                .filter(e -> e.getValue().signum() > 0)
                .sorted(Map.Entry.<FraudType, BigDecimal>comparingByValue().reversed())
                .limit(5)
                .map(e -> new Ranked(e.getKey(), count(e.getValue())))
                .toList();
        List<Ranked> byLoss = losses.entrySet().stream()
                .filter(e -> e.getValue().signum() > 0
                        && counts.getOrDefault(e.getKey(), BigDecimal.ZERO).intValue() >= SMALLEST)
                .sorted(Map.Entry.<FraudType, BigDecimal>comparingByValue().reversed())
                .limit(5)
                .map(e -> new Ranked(e.getKey(), Indicators.plain(e.getValue()).toPlainString()))
                .toList();
        List<Division> children = code.length() < 6
                ? divisions.children(code).stream()
                        .filter(Division::unit)
                        .sorted(Comparator.comparing(Division::code))
                        .toList()
                : List.of();
        Map<String, Map<Indicator, BigDecimal>> childValues =
                indicators.values(children.stream().map(Division::code).toList(), period);
        List<Area> areas = new ArrayList<>();
        for (Division d : children) {
            Map<Indicator, BigDecimal> values = childValues.getOrDefault(d.code(), Map.of());
            Map<String, String> f = new LinkedHashMap<>();
            for (Indicator i : FIGURES) {
                f.put(i.name(), shown(i, values));
            }
            areas.add(new Area(d.code(), d.name(), f));
        }
        return new Stats(
                period.label(),
                period.from(),
                period.to(),
                code,
                unit.name(),
                published,
                figures,
                byCount,
                byLoss,
                areas);
    }

    /** A count under five is "<5"; a loss is shown only for five cases or more. */
    static String shown(Indicator i, Map<Indicator, BigDecimal> values) {
        BigDecimal v = values.get(i);
        if (i == Indicator.lossAmount) {
            BigDecimal cases = values.getOrDefault(Indicator.casesFiled, BigDecimal.ZERO);
            if (cases.intValue() < SMALLEST) {
                return cases.signum() == 0 ? "0" : "<5";
            }
            return v == null ? "0" : Indicators.plain(v).toPlainString();
        }
        return v == null ? "0" : count(v);
    }

    private static boolean small(Indicator i, Map<Indicator, BigDecimal> values) {
        BigDecimal v = values.get(i == Indicator.lossAmount ? Indicator.casesFiled : i);
        return v != null && v.signum() > 0 && v.intValue() < SMALLEST;
    }

    static String count(BigDecimal v) {
        return v.signum() > 0 && v.compareTo(BigDecimal.valueOf(SMALLEST)) < 0
                ? "<5"
                : Indicators.plain(v).toPlainString();
    }

    private static Period cut(Period p, LocalDate lastDay) {
        return p.to().isAfter(lastDay) ? new Period(p.kind(), p.label(), p.from(), lastDay) : p;
    }

    private static Period shorten(Period p, long days) {
        return days <= 0 ? p : new Period(p.kind(), p.label(), p.from(), p.to().minusDays(days));
    }

    /** The same as CSV: the unit's figures, then one line per city or county. */
    static String csv(Stats s) {
        StringBuilder b =
                new StringBuilder("\uFEFFunit,name,period,from,to,casesFiled,lossAmount,warningsReceived,dissuaded\n");
        Map<String, String> own = new LinkedHashMap<>();
        s.figures().forEach(f -> own.put(f.indicator(), f.value()));
        line(b, s.unit(), s.name(), s, own);
        for (Area a : s.areas()) {
            line(b, a.unit(), a.name(), s, a.figures());
        }
        return b.toString();
    }

    private static void line(StringBuilder b, String unit, String name, Stats s, Map<String, String> f) {
        b.append(unit)
                .append(',')
                .append(name)
                .append(',')
                .append(s.period())
                .append(',')
                .append(s.from())
                .append(',')
                .append(s.to());
        for (Indicator i : FIGURES) {
            b.append(',').append(f.getOrDefault(i.name(), "0"));
        }
        b.append('\n');
    }

    static String etag(String body) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
            return "\"" + java.util.HexFormat.of().formatHex(d, 0, 12) + "\"";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.fanzha.performance.internal;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.fanzha.cases.SolvedClusters;
import org.fanzha.divisions.DivisionLevel;
import org.fanzha.divisions.Divisions;
import org.fanzha.performance.Indicator;
import org.fanzha.performance.Period;
import org.fanzha.platform.FactSource;
import org.jsoup.Jsoup;
import org.jsoup.helper.W3CDom;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;

/**
 * The weekly results bulletin (每周通报战果) and the monthly review pack: headline figures, the
 * ranking, each city's line, notable results and charts, as one self-contained HTML page, an A4
 * PDF with the Chinese font embedded, and an .xlsx of the tables. Issued every Monday at 08:00
 * (China) for the week before and on the first of the month for the month before, and kept as
 * issued; any other period is generated on request as a draft.
 */
@Service
public class Bulletins {

    private static final Logger log = LoggerFactory.getLogger(Bulletins.class);
    static final Locale ZH = Locale.SIMPLIFIED_CHINESE;
    static final String FONT = "/fonts/DroidSansFallback-subset.ttf";

    /** Figures as the bulletin prints them (the page is rendered outside a request: no beans). */
    private static final org.fanzha.platform.web.TemplateFigures FIGURES =
            new org.fanzha.platform.web.TemplateFigures();

    /** Latin letters, digits and the signs Droid Sans Fallback lacks (the rank arrows ↑ ↓). */
    static final String LATIN_FONT = "/fonts/DejaVuSans-subset.ttf";

    /** The columns of each city's line. */
    static final List<Indicator> CITY_LINE = List.of(
            Indicator.warningsReceived,
            Indicator.dissuaded,
            Indicator.lossAverted,
            Indicator.casesFiled,
            Indicator.casesPer10k,
            Indicator.lossAmount,
            Indicator.casesSolved,
            Indicator.suspectsArrested,
            Indicator.acknowledgedInTimeShare);

    /** One city's line: its ranking row and its figures. */
    public record CityLine(Scores.Row row, Map<Indicator, BigDecimal> values) {}

    /** One bar of a chart: a label, the value and its width against the largest, in percent. */
    public record Bar(String label, BigDecimal value, int percent) {}

    /** A chart: a title and its bars. */
    public record Chart(String title, List<Bar> bars) {}

    /** What a bulletin says. */
    public record Content(
            Period period,
            boolean monthly,
            Instant generatedAt,
            String scheme,
            List<Indicators.Value> headline,
            Scores.Ranking ranking,
            List<CityLine> cities,
            List<String> notable,
            List<org.fanzha.cases.SolvedCluster> clusters,
            List<String> lagging,
            List<Chart> charts) {}

    /** A bulletin as issued (or as a draft when issuedAt is null). */
    public record Document(String period, @Nullable Instant issuedAt, String html, byte[] pdf, byte[] xlsx) {}

    /** A line of the list of issued bulletins. */
    public record Issued(String period, Instant issuedAt, String scheme) {}

    private final Indicators indicators;
    private final Scores scores;
    private final Divisions divisions;
    private final SolvedClusters clusters;
    private final SpringTemplateEngine templates;
    private final MessageSource messages;
    private final JdbcTemplate jdbc;
    private final Rollups rollups;
    private final Clock clock;
    private final org.fanzha.audit.AuditLog audit;

    Bulletins(
            Indicators indicators,
            Scores scores,
            Divisions divisions,
            SolvedClusters clusters,
            SpringTemplateEngine templates,
            MessageSource messages,
            JdbcTemplate jdbc,
            Rollups rollups,
            Clock clock,
            org.fanzha.audit.AuditLog audit) {
        this.audit = audit;
        this.indicators = indicators;
        this.scores = scores;
        this.divisions = divisions;
        this.clusters = clusters;
        this.templates = templates;
        this.messages = messages;
        this.jdbc = jdbc;
        this.rollups = rollups;
        this.clock = clock;
    }

    /** What the bulletin of a week (or month) says, computed now. */
    public Content content(Period period) {
        boolean monthly = period.kind() == Period.Kind.MONTH;
        String province = divisions.atLevel(DivisionLevel.PROVINCE).get(0).code();
        List<Indicators.Value> headline = indicators.report(province, period);
        Scores.Ranking ranking = scores.ranking("city", null, period);
        List<String> codes = ranking.rows().stream().map(Scores.Row::unitCode).toList();
        Map<String, Map<Indicator, BigDecimal>> values = indicators.values(codes, period);
        List<CityLine> cities = ranking.rows().stream()
                .map(r -> new CityLine(r, values.get(r.unitCode())))
                .toList();
        List<String> notable = new ArrayList<>();
        best(cities, Indicator.lossAverted)
                .ifPresent(c -> notable.add(text(
                        "perf.bulletin.mostAverted",
                        c.row().name(),
                        money(c.values().get(Indicator.lossAverted)))));
        best(cities, Indicator.casesSolved)
                .ifPresent(c -> notable.add(text(
                        "perf.bulletin.mostSolved",
                        c.row().name(),
                        c.values().get(Indicator.casesSolved).toPlainString())));
        best(cities, Indicator.suspectsArrested)
                .ifPresent(c -> notable.add(text(
                        "perf.bulletin.mostArrested",
                        c.row().name(),
                        c.values().get(Indicator.suspectsArrested).toPlainString())));
        List<org.fanzha.cases.SolvedCluster> solved = clusters.largestSolved(
                FactSource.start(period.from()), FactSource.start(period.to().plusDays(1)), 3);
        List<String> lagging = ranking.rows().stream()
                .filter(Scores.Row::lagging)
                .map(Scores.Row::name)
                .toList();
        List<Chart> charts = List.of(
                chart(text("perf.ind.warningsReceived"), cities, Indicator.warningsReceived),
                chart(text("perf.ind.lossAverted"), cities, Indicator.lossAverted),
                chart(text("perf.ind.casesSolved"), cities, Indicator.casesSolved));
        return new Content(
                period,
                monthly,
                clock.instant(),
                ranking.scheme(),
                headline,
                ranking,
                cities,
                notable,
                solved,
                lagging,
                charts);
    }

    private static Optional<CityLine> best(List<CityLine> cities, Indicator i) {
        return cities.stream()
                .filter(c -> c.values().get(i) != null && c.values().get(i).signum() > 0)
                .max(Comparator.comparing(c -> c.values().get(i)));
    }

    private static Chart chart(String title, List<CityLine> cities, Indicator i) {
        BigDecimal max = cities.stream()
                .map(c -> c.values().getOrDefault(i, BigDecimal.ZERO))
                .max(Comparator.naturalOrder())
                .orElse(BigDecimal.ZERO);
        List<Bar> bars = cities.stream()
                .sorted(Comparator.comparing((CityLine c) -> c.values().getOrDefault(i, BigDecimal.ZERO))
                        .reversed())
                .map(c -> {
                    BigDecimal v = c.values().getOrDefault(i, BigDecimal.ZERO);
                    int pct = max.signum() == 0
                            ? 0
                            : v.multiply(BigDecimal.valueOf(100))
                                    .divide(max, 0, RoundingMode.HALF_UP)
                                    .intValue();
                    return new Bar(c.row().name(), v, pct);
                })
                .toList();
        return new Chart(title, bars);
    }

    String text(String key, Object... args) {
        return messages.getMessage(key, args, key, ZH);
    }

    static String money(@Nullable BigDecimal v) {
        return v == null ? "—" : String.format("%,.2f", v);
    }

    /** The bulletin as a self-contained page (inline styles, no scripts). */
    public String html(Content content, @Nullable Instant issuedAt) {
        Context ctx = new Context(ZH);
        ctx.setVariable("b", content);
        ctx.setVariable("fmt", FIGURES);
        ctx.setVariable("columns", CITY_LINE);
        ctx.setVariable(
                "issuedAt",
                issuedAt == null
                        ? null
                        : ZonedDateTime.ofInstant(issuedAt, FactSource.CHINA)
                                .toLocalDateTime()
                                .withNano(0)
                                .toString()
                                .replace('T', ' '));
        ctx.setVariable(
                "generatedAt",
                ZonedDateTime.ofInstant(content.generatedAt(), FactSource.CHINA)
                        .toLocalDateTime()
                        .withNano(0)
                        .toString()
                        .replace('T', ' '));
        return templates.process("performance/bulletin", ctx);
    }

    /** The page as an A4 PDF with the CJK font embedded. */
    public byte[] pdf(String html) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.useFont(() -> getClass().getResourceAsStream(LATIN_FONT), "FanzhaLatin");
            builder.useFont(() -> getClass().getResourceAsStream(FONT), "FanzhaCJK");
            builder.withW3cDocument(new W3CDom().fromJsoup(Jsoup.parse(html)), "/");
            builder.toStream(out);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The tables as a workbook: headline, ranking, cities. */
    public byte[] xlsx(Content content) {
        try (XSSFWorkbook wb = new XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CellStyle bold = wb.createCellStyle();
            var font = wb.createFont();
            font.setBold(true);
            bold.setFont(font);
            Sheet head = wb.createSheet(text("perf.bulletin.headline"));
            header(
                    head,
                    bold,
                    text("perf.indicator"),
                    text("perf.value"),
                    text("perf.yearBefore"),
                    text("perf.yoy") + " %",
                    text("perf.previous"),
                    text("perf.mom") + " %");
            int r = 1;
            for (Indicators.Value v : content.headline()) {
                Row row = head.createRow(r++);
                row.createCell(0).setCellValue(text("perf.ind." + v.indicator().name()));
                number(row, 1, v.value());
                number(row, 2, v.yearBefore());
                number(row, 3, v.yearChangePercent());
                number(row, 4, v.previous());
                number(row, 5, v.previousChangePercent());
            }
            Sheet rank = wb.createSheet(text("perf.ranking"));
            header(
                    rank,
                    bold,
                    text("perf.rank"),
                    text("perf.unit"),
                    "code",
                    text("perf.score"),
                    text("perf.computed"),
                    text("perf.adjustments"),
                    text("perf.rankChange"),
                    text("perf.lagging"));
            r = 1;
            for (Scores.Row s : content.ranking().rows()) {
                Row row = rank.createRow(r++);
                row.createCell(0).setCellValue(s.rank());
                row.createCell(1).setCellValue(s.name());
                row.createCell(2).setCellValue(s.unitCode());
                number(row, 3, s.score());
                number(row, 4, s.computed());
                number(row, 5, s.adjustments());
                if (s.rankChange() != null) {
                    row.createCell(6).setCellValue(s.rankChange());
                }
                row.createCell(7).setCellValue(s.lagging() ? "是" : "");
            }
            Sheet cities = wb.createSheet(text("perf.bulletin.cities"));
            List<String> titles = new ArrayList<>(List.of(text("perf.unit"), "code"));
            CITY_LINE.forEach(i -> titles.add(text("perf.ind." + i.name())));
            header(cities, bold, titles.toArray(String[]::new));
            r = 1;
            for (CityLine c : content.cities()) {
                Row row = cities.createRow(r++);
                row.createCell(0).setCellValue(c.row().name());
                row.createCell(1).setCellValue(c.row().unitCode());
                for (int i = 0; i < CITY_LINE.size(); i++) {
                    number(row, 2 + i, c.values().get(CITY_LINE.get(i)));
                }
            }
            for (Sheet s : List.of(head, rank, cities)) {
                s.setColumnWidth(0, 24 * 256);
                s.setColumnWidth(1, 14 * 256);
            }
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void header(Sheet sheet, CellStyle bold, String... titles) {
        Row row = sheet.createRow(0);
        for (int i = 0; i < titles.length; i++) {
            var cell = row.createCell(i);
            cell.setCellValue(titles[i]);
            cell.setCellStyle(bold);
        }
    }

    private static void number(Row row, int col, @Nullable BigDecimal v) {
        if (v != null) {
            row.createCell(col).setCellValue(v.doubleValue());
        }
    }

    /** A bulletin: as issued if it was, else a draft generated now. */
    public Document document(Period period) {
        Optional<Document> issued = issued(period.label());
        if (issued.isPresent()) {
            return issued.get();
        }
        Content content = content(period);
        String html = html(content, null);
        return new Document(period.label(), null, html, pdf(html), xlsx(content));
    }

    Optional<Document> issued(String period) {
        return jdbc
                .query(
                        "SELECT period, generated_at, html, pdf, xlsx FROM perf_bulletin WHERE period = ?",
                        (rs, n) -> new Document(
                                rs.getString(1),
                                rs.getTimestamp(2).toInstant(),
                                rs.getString(3),
                                rs.getBytes(4),
                                rs.getBytes(5)),
                        period)
                .stream()
                .findFirst();
    }

    public List<Issued> list() {
        return jdbc.query(
                "SELECT period, generated_at, scheme FROM perf_bulletin ORDER BY generated_at DESC LIMIT 200",
                (rs, n) -> new Issued(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3)));
    }

    /** Issues the bulletin of a period and keeps it; once issued it does not change. */
    public Document issue(Period period) {
        Optional<Document> existing = issued(period.label());
        if (existing.isPresent()) {
            return existing.get();
        }
        rollups.refreshNow();
        Content content = content(period);
        Instant now = clock.instant();
        String html = html(content, now);
        byte[] pdf = pdf(html);
        byte[] xlsx = xlsx(content);
        try {
            jdbc.update(
                    "INSERT INTO perf_bulletin (period, generated_at, scheme, html, pdf, xlsx) VALUES (?, ?, ?, ?, ?, ?)",
                    period.label(),
                    Timestamp.from(now),
                    content.scheme(),
                    html,
                    pdf,
                    xlsx);
        } catch (DuplicateKeyException e) {
            return issued(period.label()).orElseThrow(); // another instance issued it first
        }
        audit.record("ISSUE", "bulletin", period.label(), "issued under the scheme " + content.scheme());
        log.info("issued the bulletin of {}", period.label());
        return new Document(period.label(), now, html, pdf, xlsx);
    }

    /** Every Monday at 08:00 in China: the bulletin of the week before. */
    @Scheduled(cron = "${fanzha.performance.weekly-bulletin:0 0 8 * * MON}", zone = "Asia/Shanghai")
    void weekly() {
        issue(Period.weekOf(LocalDate.now(clock.withZone(FactSource.CHINA)).minusWeeks(1)));
    }

    /** On the first of the month at 08:00 in China: the review pack of the month before. */
    @Scheduled(cron = "${fanzha.performance.monthly-bulletin:0 0 8 1 * *}", zone = "Asia/Shanghai")
    void monthly() {
        issue(Period.month(YearMonth.now(clock.withZone(FactSource.CHINA)).minusMonths(1)));
    }
}

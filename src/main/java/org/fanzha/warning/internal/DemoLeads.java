package org.fanzha.warning.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.fanzha.divisions.Division;
import org.fanzha.divisions.DivisionLevel;
import org.fanzha.divisions.Divisions;
import org.fanzha.divisions.IdNumber;
import org.fanzha.divisions.UnitResolution;
import org.fanzha.divisions.UnitResolver;
import org.fanzha.platform.Actor;
import org.fanzha.platform.FraudType;
import org.fanzha.platform.Source;
import org.fanzha.warning.Outcome;
import org.fanzha.warning.SignalType;
import org.fanzha.warning.Urgency;
import org.fanzha.warning.WarningProperties;
import org.fanzha.warning.WarningState;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the demo alive: some weeks of closed warnings across all 18 city-level units on first
 * start, then a realistic lead every little while through the real intake, for numbers that
 * attribute to every city and for newer segments that only the operator's location places.
 * Demo profile only.
 */
@Component
@Profile("demo")
@ConditionalOnBooleanProperty(name = "fanzha.demo.warnings", matchIfMissing = true)
class DemoLeads implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoLeads.class);
    private static final String[] CARRIERS = {
        "34", "35", "36", "37", "38", "39", "50", "51", "52", "57", "58", "59", "82", "83", "87", "88"
    };
    private static final String[] NEW_SEGMENTS = {"1710", "1720", "1990", "1660", "1620"};
    private static final String[] SURNAMES = {
        "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭"
    };
    private static final String[] GIVEN = {
        "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "桂兰", "建国"
    };
    private static final Actor GENERATOR = new Actor(
            Actor.Kind.PARTNER,
            0,
            "demo-generator",
            "演示数据",
            "41",
            java.util.Set.of(),
            java.util.Set.of(),
            EnumSet.allOf(Source.class));

    private final UnitResolver resolver;
    private final Divisions divisions;
    private final LeadValidator validator;
    private final LeadIntake intake;
    private final WarningStore store;
    private final WarningProperties properties;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final int historyDays;
    private final Random random = new Random();
    private final Map<String, List<String>> prefixesByCity = new LinkedHashMap<>();
    private volatile boolean ready;

    DemoLeads(
            UnitResolver resolver,
            Divisions divisions,
            LeadValidator validator,
            LeadIntake intake,
            WarningStore store,
            WarningProperties properties,
            JdbcClient jdbc,
            TransactionTemplate tx,
            Clock clock,
            @Value("${fanzha.demo.history-days:28}") int historyDays) {
        this.resolver = resolver;
        this.divisions = divisions;
        this.validator = validator;
        this.intake = intake;
        this.store = store;
        this.properties = properties;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.historyDays = historyDays;
    }

    @Override
    public void run(ApplicationArguments args) {
        findSegments();
        if (jdbc.sql("SELECT COUNT(*) FROM warning").query(Long.class).single() == 0) {
            int n = history();
            log.info("Demo profile: {} closed warnings over the last {} days", n, historyDays);
        }
        ready = true;
    }

    /** Mobile segments that the attribution places in each city, found by asking it. */
    private void findSegments() {
        for (String carrier : CARRIERS) {
            for (int middle = 3700; middle < 4000; middle += 3) {
                String prefix = "1" + carrier + middle;
                UnitResolution r = resolver.byPhone(prefix + "0000");
                if (r.status() == UnitResolution.Status.RESOLVED && r.unit() != null) {
                    prefixesByCity
                            .computeIfAbsent(r.unit().code(), k -> new ArrayList<>())
                            .add(prefix);
                }
            }
        }
        log.info("Demo profile: mobile segments found for {} city-level units", prefixesByCity.size());
    }

    @Scheduled(
            initialDelayString = "${fanzha.demo.lead-interval:15s}",
            fixedDelayString = "${fanzha.demo.lead-interval:15s}")
    void generate() {
        if (!ready) {
            return;
        }
        try {
            var validated = validator.validate(randomLead());
            intake.accept(
                    validated,
                    GENERATOR,
                    intake.request(GENERATOR, "demo " + validated.lead().sourceId(), 0));
        } catch (RuntimeException e) {
            log.warn("Demo lead failed: {}", e.getMessage());
        }
    }

    LeadRequest randomLead() {
        boolean newSegment = random.nextInt(6) == 0;
        Division city = randomCity();
        String phone;
        String divisionCode = null;
        if (newSegment || !prefixesByCity.containsKey(city.code())) {
            phone = NEW_SEGMENTS[random.nextInt(NEW_SEGMENTS.length)] + digits(7);
            divisionCode = randomBelow(city, DivisionLevel.COUNTY).code();
        } else {
            List<String> prefixes = prefixesByCity.get(city.code());
            phone = prefixes.get(random.nextInt(prefixes.size())) + digits(4);
        }
        FraudType type = FraudType.values()[random.nextInt(FraudType.values().length)];
        List<LeadRequest.SignalRequest> signals = new ArrayList<>();
        int roll = random.nextInt(10);
        if (roll < 2) {
            signals.add(new LeadRequest.SignalRequest(
                    SignalType.ACTIVE_CALL_WITH_FRAUD_NUMBER.name(),
                    "+852" + digits(8),
                    1 + random.nextInt(20),
                    null,
                    null,
                    null,
                    null,
                    null));
        } else if (roll < 3) {
            signals.add(new LeadRequest.SignalRequest(
                    SignalType.TRANSFER_TO_FLAGGED_ACCOUNT.name(),
                    null,
                    null,
                    "6217" + digits(15),
                    1000 * (1 + random.nextInt(50)),
                    null,
                    null,
                    null));
        } else if (roll < 5) {
            signals.add(new LeadRequest.SignalRequest(
                    SignalType.FRAUD_SITE_VISIT.name(),
                    null,
                    null,
                    null,
                    null,
                    "http://" + word() + "-" + digits(3) + ".top/login",
                    null,
                    null));
        } else if (roll < 6) {
            signals.add(new LeadRequest.SignalRequest(
                    SignalType.FRAUD_APP_INSTALLED.name(),
                    null,
                    null,
                    null,
                    null,
                    null,
                    "com." + word() + ".invest",
                    null));
        }
        Source source = List.of(
                        Source.NATIONAL_CENTRE,
                        Source.TELECOM,
                        Source.BANK,
                        Source.FRAUD_SITE_VISIT,
                        Source.PUBLIC_REPORT)
                .get(random.nextInt(5));
        String idNumber = random.nextInt(3) == 0 ? idNumber(randomBelow(city, DivisionLevel.COUNTY)) : null;
        String name = random.nextInt(2) == 0
                ? SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)]
                : null;
        return new LeadRequest(
                source.name(),
                "DEMO-" + System.currentTimeMillis() + "-" + digits(4),
                phone,
                idNumber,
                name,
                null,
                divisionCode,
                type.name(),
                signals,
                random.nextInt(4) == 0 ? null : 500 * (1 + random.nextInt(200)),
                null,
                null);
    }

    /** Closed warnings of the past weeks, with realistic acknowledgement and close times and outcomes. */
    private int history() {
        int total = 0;
        Instant now = clock.instant();
        for (int day = historyDays; day >= 1; day--) {
            int perDay = 6 + random.nextInt(8);
            for (int i = 0; i < perDay; i++) {
                Instant opened = now.minus(Duration.ofDays(day)).plusSeconds(random.nextInt(86_400));
                tx.executeWithoutResult(status -> pastWarning(opened));
                total++;
            }
        }
        return total;
    }

    private void pastWarning(Instant opened) {
        LeadRequest request = randomLead();
        var lead = validator.validate(request).lead();
        Urgency urgency = Urgency.values()[random.nextInt(10) < 2 ? 0 : random.nextInt(10) < 5 ? 1 : 2];
        var deadline = properties.deadline(urgency);
        Division unit = divisions
                .find(lead.divisionCode() != null ? lead.divisionCode() : "41")
                .filter(Division::unit)
                .orElseGet(this::randomCity);
        if (lead.divisionCode() == null) {
            var r = resolver.byPhone(lead.phone());
            unit = r.unit() != null ? r.unit() : unit;
        }
        // most units acknowledge within the deadline, some are late
        Instant acknowledged = opened.plusSeconds(
                (long) (deadline.acknowledge().toSeconds() * (random.nextInt(10) < 8 ? random.nextDouble() : 1.5)));
        Instant closed = acknowledged.plusSeconds((long) (deadline.close().toSeconds() * random.nextDouble() * 0.9));
        int r = random.nextInt(100);
        Outcome outcome = r < 68
                ? Outcome.DISSUADED
                : r < 78
                        ? Outcome.UNREACHABLE
                        : r < 86
                                ? Outcome.ALREADY_DEFRAUDED
                                : r < 93 ? Outcome.FALSE_ALARM : r < 97 ? Outcome.PERSISTS : Outcome.NOT_AT_RISK;
        BigDecimal amount = lead.amountAtRisk() == null
                ? BigDecimal.valueOf(500L * (1 + random.nextInt(100)))
                : lead.amountAtRisk();
        Warning open = new Warning(
                0,
                lead.phone(),
                lead.idNumber(),
                lead.name(),
                null,
                lead.fraudType(),
                urgency,
                "demo-history",
                unit.code(),
                "phone",
                "demo history",
                false,
                null,
                WarningState.ASSIGNED,
                null,
                amount,
                1,
                opened,
                opened,
                opened,
                null,
                null,
                opened.plus(deadline.acknowledge()),
                opened.plus(deadline.close()),
                0);
        long id = store.insert(open);
        store.insertLead(
                id, lead, "[]", new UrgencyPolicy.Grade(urgency, "demo-history"), opened, "partner:demo-generator");
        store.event(id, opened, "ASSIGNED", "system", unit.code(), null, null, "demo history");
        store.event(id, acknowledged, "ACKNOWLEDGED", "demo", unit.code(), null, null, null);
        store.event(id, closed, "CLOSED", "demo", unit.code(), null, outcome.name(), null);
        Warning done = open.withId(id).acknowledge(acknowledged).close(outcome, closed);
        store.update(done);
    }

    private Division randomCity() {
        List<Division> cities = divisions.atLevel(DivisionLevel.CITY);
        return cities.get(random.nextInt(cities.size()));
    }

    private Division randomBelow(Division city, DivisionLevel level) {
        List<Division> below = divisions.children(city.code()).stream()
                .filter(d -> d.level() == level)
                .toList();
        return below.isEmpty() ? city : below.get(random.nextInt(below.size()));
    }

    private @Nullable String idNumber(Division county) {
        if (county.code().length() != 6) {
            return null;
        }
        LocalDate birth = LocalDate.of(1945 + random.nextInt(60), 1 + random.nextInt(12), 1 + random.nextInt(28));
        String first17 = county.code() + birth.toString().replace("-", "") + digits(3);
        return first17 + IdNumber.checkCharacter(first17);
    }

    private String digits(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(random.nextInt(10));
        }
        return sb.toString();
    }

    private String word() {
        String[] words = {"lucky", "vip", "gold", "fast", "quan", "cash", "top", "win"};
        return words[random.nextInt(words.length)];
    }
}

package org.fanzha.cases.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.fanzha.cases.CaseStatus;
import org.fanzha.cases.IdentifierType;
import org.fanzha.cases.Identifiers;
import org.fanzha.divisions.Division;
import org.fanzha.divisions.DivisionLevel;
import org.fanzha.divisions.Divisions;
import org.fanzha.platform.FraudType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Demo profile only: a history of cases over the 18 city-level units and their counties, whose
 * identifiers are partly drawn from shared pools (cards, phones, sites, wallets that fraud rings
 * reuse), so clusters of linked cases form across units.
 */
@Component
@Profile("demo")
class DemoCases implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoCases.class);
    private static final FraudType[] TYPES = FraudType.values();

    private final CaseStore store;
    private final Divisions divisions;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final int count;

    DemoCases(
            CaseStore store,
            Divisions divisions,
            JdbcClient jdbc,
            TransactionTemplate tx,
            Clock clock,
            @Value("${fanzha.demo.cases:2000}") int count) {
        this.store = store;
        this.divisions = divisions;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.count = count;
    }

    static String card(Random r, String bin) {
        StringBuilder sb = new StringBuilder(bin);
        while (sb.length() < 18) {
            sb.append(r.nextInt(10));
        }
        for (int d = 0; d <= 9; d++) {
            try {
                return Identifiers.normalise(IdentifierType.BANK_CARD, sb.toString() + d)
                        .value();
            } catch (Identifiers.InvalidIdentifier e) {
                // the next check digit
            }
        }
        throw new IllegalStateException();
    }

    @Override
    public void run(ApplicationArguments args) {
        if (count <= 0
                || jdbc.sql("SELECT COUNT(*) FROM fraud_case").query(Long.class).single() > 0) {
            return;
        }
        Random r = new Random(110);
        List<String> counties = new ArrayList<>();
        for (Division city : divisions.atLevel(DivisionLevel.CITY)) {
            for (Division county : divisions.children(city.code())) {
                if (county.unit()) {
                    counties.add(county.code());
                }
            }
        }
        String[] bins = {"622202", "621700", "622848", "621661", "622260", "621799", "622588"};
        List<String> cards = new ArrayList<>();
        List<String> phones = new ArrayList<>();
        List<String> sites = new ArrayList<>();
        for (int i = 0; i < count / 8; i++) {
            cards.add(card(r, bins[r.nextInt(bins.length)]));
            phones.add("+86" + (r.nextBoolean() ? "170" : "171") + String.format("%08d", r.nextInt(100_000_000)));
            sites.add(
                    (r.nextBoolean() ? "licai-" : "daikuan-") + Integer.toString(r.nextInt(1 << 24), 36) + ".example");
        }
        Instant now = clock.instant();
        tx.executeWithoutResult(status -> {
            for (int i = 0; i < count; i++) {
                String unit = counties.get(r.nextInt(counties.size()));
                FraudType type = TYPES[r.nextInt(TYPES.length)];
                Instant occurred = now.minus(Duration.ofMinutes(r.nextInt(90 * 24 * 60)));
                CaseStatus st = r.nextInt(10) < 3
                        ? CaseStatus.ACCEPTED
                        : r.nextInt(10) < 6 ? CaseStatus.FILED : CaseStatus.SOLVED;
                String number = st == CaseStatus.ACCEPTED
                        ? null
                        : "A" + unit + "000000"
                                + java.time.LocalDate.ofInstant(occurred, Hits.CHINA)
                                        .toString()
                                        .substring(0, 7)
                                        .replace("-", "")
                                + String.format("%04d", i % 10_000);
                long id = store.insert(
                        new CaseStore.FraudCase(
                                0,
                                number,
                                type,
                                st,
                                "演示" + (char) ('甲' + r.nextInt(10)),
                                "137" + String.format("%08d", r.nextInt(100_000_000)),
                                null,
                                null,
                                BigDecimal.valueOf(500 + r.nextInt(300_000)).setScale(2),
                                occurred,
                                occurred.plus(Duration.ofHours(2)),
                                st == CaseStatus.ACCEPTED ? null : occurred.plus(Duration.ofDays(1)),
                                null,
                                unit,
                                unit,
                                null,
                                null,
                                "demo"),
                        now);
                int idents = 1 + r.nextInt(3);
                for (int k = 0; k < idents; k++) {
                    boolean shared = r.nextInt(10) < 3;
                    switch (r.nextInt(3)) {
                        case 0 ->
                            store.addIdentifier(
                                    id,
                                    IdentifierType.BANK_CARD,
                                    shared ? cards.get(r.nextInt(cards.size())) : card(r, bins[r.nextInt(bins.length)]),
                                    null,
                                    "demo",
                                    now);
                        case 1 ->
                            store.addIdentifier(
                                    id,
                                    IdentifierType.PHONE,
                                    shared
                                            ? phones.get(r.nextInt(phones.size()))
                                            : "+86170" + String.format("%08d", r.nextInt(100_000_000)),
                                    null,
                                    "demo",
                                    now);
                        default ->
                            store.addIdentifier(
                                    id,
                                    IdentifierType.DOMAIN,
                                    shared
                                            ? sites.get(r.nextInt(sites.size()))
                                            : "x" + Integer.toString(r.nextInt(1 << 30), 36) + ".example",
                                    null,
                                    "demo",
                                    now);
                    }
                }
                store.event(id, occurred.plus(Duration.ofHours(2)), "demo", st.name(), "演示数据");
            }
        });
        log.info(
                "Demo profile: {} cases over {} county-level units, identifiers partly shared", count, counties.size());
    }

    /** China time for case numbers (the same zone the blocklist uses for its days). */
    private static final class Hits {
        static final java.time.ZoneId CHINA = java.time.ZoneId.of("Asia/Shanghai");
    }
}

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
@org.springframework.core.annotation.Order(50) // before the demo banks, which send requests for these cases
class DemoCases implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoCases.class);
    private static final FraudType[] TYPES = FraudType.values();

    private final CaseStore store;
    private final Divisions divisions;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final int count;
    private final CardRegistry registry;

    DemoCases(
            CardRegistry registry,
            CaseStore store,
            Divisions divisions,
            JdbcClient jdbc,
            TransactionTemplate tx,
            Clock clock,
            @Value("${fanzha.demo.cases:2000}") int count) {
        this.registry = registry;
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
                CaseStatus st0 = r.nextInt(10) < 3
                        ? CaseStatus.ACCEPTED
                        : r.nextInt(10) < 6 ? CaseStatus.FILED : CaseStatus.SOLVED;
                CaseStatus st = st0;
                // solved some days after filing, never in the future: a case still being solved stays FILED
                Instant solvedAt = st == CaseStatus.SOLVED ? occurred.plus(Duration.ofDays(2 + r.nextInt(20))) : null;
                if (solvedAt != null && solvedAt.isAfter(now)) {
                    st = CaseStatus.FILED;
                    solvedAt = null;
                }
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
                                solvedAt,
                                unit,
                                unit,
                                null,
                                null,
                                "demo"),
                        now);
                int idents = 1 + r.nextInt(3);
                for (int k = 0; k < idents; k++) {
                    boolean shared = r.nextInt(10) < 3;
                    IdentifierType t;
                    String v;
                    switch (r.nextInt(3)) {
                        case 0 -> {
                            t = IdentifierType.BANK_CARD;
                            v = shared ? cards.get(r.nextInt(cards.size())) : card(r, bins[r.nextInt(bins.length)]);
                        }
                        case 1 -> {
                            t = IdentifierType.PHONE;
                            v = shared
                                    ? phones.get(r.nextInt(phones.size()))
                                    : "+86170" + String.format("%08d", r.nextInt(100_000_000));
                        }
                        default -> {
                            t = IdentifierType.DOMAIN;
                            v = shared
                                    ? sites.get(r.nextInt(sites.size()))
                                    : "x" + Integer.toString(r.nextInt(1 << 30), 36) + ".example";
                        }
                    }
                    if (store.addIdentifier(id, t, v, null, "demo", now)) {
                        registry.fromCase(id, t, v, null, now);
                    }
                }
                store.event(id, occurred.plus(Duration.ofHours(2)), "demo", st.name(), "演示数据");
                if (solvedAt != null) {
                    for (int k = 0; k < 1 + r.nextInt(2); k++) {
                        store.addSuspect(
                                id,
                                new CaseStore.Suspect(
                                        0, "嫌疑人" + (char) ('甲' + r.nextInt(10)), null, null, solvedAt, unit, "演示数据"),
                                "demo",
                                now);
                    }
                }
            }
        });
        Integer registered = tx.execute(status -> cardsHistory(r));
        log.info(
                "Demo profile: {} cases over {} county-level units, identifiers partly shared; {} fraud cards registered with owners and outlets",
                count,
                counties.size(),
                registered);
    }

    /**
     * Fraud cards of the demo cases: a third registered with an owner from the case's county and an
     * outlet (ten outlets per city, three of them careless), verified, some by owners who name one
     * of a handful of recruiters: the brokers.
     */
    private int cardsHistory(Random r) {
        var cardRows = jdbc.sql("""
                        SELECT c.id, MIN(f.unit_code) FROM card c JOIN case_card cc ON cc.card_id = c.id
                        JOIN fraud_case f ON f.id = cc.case_id GROUP BY c.id ORDER BY c.id""")
                .query((rs, i) -> new Object[] {rs.getLong(1), rs.getString(2)})
                .list();
        String[] recruiters = {"+8617012345678", "老刘", "+8617188889999", "阿强"};
        String[] results = {"SOLD", "RENTED", "LENT", "VERIFICATION_HELP", "LOST_OR_STOLEN", "OWNER_UNAWARE"};
        int n = 0;
        Instant now = clock.instant();
        for (Object[] row : cardRows) {
            long cardId = (Long) row[0];
            String unit = (String) row[1];
            if (r.nextInt(3) != 0 || unit.length() != 6) {
                continue;
            }
            String city = unit.substring(0, 4);
            String outlet = "DEMO-" + city + "-" + (r.nextInt(10) < 6 ? r.nextInt(3) : 3 + r.nextInt(7));
            if (jdbc.sql("SELECT COUNT(*) FROM outlet WHERE code = ?")
                            .param(outlet)
                            .query(Long.class)
                            .single()
                    == 0) {
                jdbc.sql("INSERT INTO outlet (code, name, kind, division_code, yearly_openings) VALUES (?, ?, ?, ?, ?)")
                        .params(
                                outlet,
                                "演示网点 " + outlet,
                                r.nextBoolean() ? "BANK_BRANCH" : "TELECOM_HALL",
                                city,
                                2000 + r.nextInt(20000))
                        .update();
            }
            String first17 =
                    unit + "19" + (70 + r.nextInt(30)) + String.format("%02d%02d", 1 + r.nextInt(12), 1 + r.nextInt(28))
                            + String.format("%03d", r.nextInt(1000));
            String idNumber = first17 + org.fanzha.divisions.IdNumber.checkCharacter(first17);
            jdbc.sql("UPDATE card SET owner_name = ?, owner_id_number = ?, outlet_code = ?, opened_on = ? WHERE id = ?")
                    .params(
                            "演示卡主" + n,
                            idNumber,
                            outlet,
                            java.sql.Date.valueOf(java.time.LocalDate.ofInstant(now, Hits.CHINA)
                                    .minusDays(60 + r.nextInt(300))),
                            cardId)
                    .update();
            boolean done = r.nextInt(3) > 0;
            jdbc.sql("""
                            INSERT INTO card_verification (card_id, unit_code, routed_by, due_at, state, result, note, done_by, done_at,
                                recruiter, created_at) VALUES (?, ?, 'demo: the owner''s county', ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(
                            cardId,
                            unit,
                            java.sql.Timestamp.from(now.plus(Duration.ofDays(7))),
                            done ? "DONE" : "OPEN",
                            done ? results[r.nextInt(results.length)] : null,
                            done ? "演示核查" : null,
                            done ? "demo" : null,
                            done ? java.sql.Timestamp.from(now) : null,
                            done && r.nextInt(3) == 0 ? recruiters[r.nextInt(recruiters.length)] : null,
                            java.sql.Timestamp.from(now))
                    .update();
            n++;
        }
        return n;
    }

    /** China time for case numbers (the same zone the blocklist uses for its days). */
    private static final class Hits {
        static final java.time.ZoneId CHINA = java.time.ZoneId.of("Asia/Shanghai");
    }
}

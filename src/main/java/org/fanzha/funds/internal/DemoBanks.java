package org.fanzha.funds.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.fanzha.platform.Actor;
import org.fanzha.platform.Permission;
import org.fanzha.platform.Role;
import org.fanzha.platform.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Demo profile: simulated banks that answer stop-payment and freeze requests on their own after
 * half a minute to a few minutes — mostly held, sometimes partly with onward transfers to other
 * banks, sometimes too late — so the chase can be watched end to end; 中国建设银行 (CCB) is left to
 * be answered by hand with the token demo-bank-token. On first start a few of the demo cases get
 * the victim's transfers and their requests.
 */
@Component
@Profile("demo")
@org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty(
        name = "fanzha.demo.funds",
        matchIfMissing = true)
@Order(100) // after the demo cases (50)
class DemoBanks implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoBanks.class);
    static final String MANUAL_BANK = "CCB";
    private static final String[] BANKS = {
        "ICBC", "ABC", "BOC", "CMB", "PSBC", "ZZB", "ZYB", "HNRCU", "ALIPAY", "TENPAY"
    };

    private final FundRequests requests;
    private final BankAnswers answers;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final SplittableRandom random = new SplittableRandom(20210601);

    DemoBanks(FundRequests requests, BankAnswers answers, JdbcClient jdbc, Clock clock) {
        this.requests = requests;
        this.answers = answers;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    private static Actor demoOfficer(String unit) {
        return new Actor(
                Actor.Kind.STAFF,
                0,
                "demo",
                "演示数据",
                unit,
                Set.of(Role.COMMANDER),
                EnumSet.of(Permission.FUNDS_REQUEST, Permission.CASES_READ),
                EnumSet.allOf(Source.class));
    }

    static String account(SplittableRandom r) {
        return "62" + String.format("%017d", r.nextLong(100_000_000_000_000_000L));
    }

    @Override
    public void run(ApplicationArguments args) {
        if (jdbc.sql("SELECT COUNT(*) FROM fund_request").query(Long.class).single() > 0) {
            return;
        }
        List<Map<String, Object>> cases = jdbc.sql(
                        "SELECT id, unit_code, loss_amount FROM fraud_case WHERE status <> 'WITHDRAWN' ORDER BY id LIMIT 30")
                .query()
                .listOfRows();
        int made = 0;
        Instant now = clock.instant();
        for (Map<String, Object> c : cases) {
            BigDecimal loss = (BigDecimal) c.get("loss_amount");
            int parts = 1 + random.nextInt(3);
            List<FundRequests.TransferInput> transfers = new ArrayList<>();
            for (int i = 0; i < parts; i++) {
                String bank = made % 7 == 0 && i == 0 ? MANUAL_BANK : BANKS[random.nextInt(BANKS.length)];
                transfers.add(new FundRequests.TransferInput(
                        OffsetDateTime.ofInstant(now.minusSeconds(600L * (parts - i)), ZoneOffset.ofHours(8))
                                .toString(),
                        account(random),
                        account(random),
                        bank,
                        loss.divide(BigDecimal.valueOf(parts), 2, RoundingMode.DOWN)
                                .max(BigDecimal.ONE)
                                .toPlainString(),
                        bank.equals("ALIPAY") ? "ALIPAY" : bank.equals("TENPAY") ? "WECHAT_PAY" : "BANK_TRANSFER"));
            }
            requests.stopPayments(
                    new FundRequests.StopPaymentRequest(((Number) c.get("id")).longValue(), null, transfers),
                    demoOfficer((String) c.get("unit_code")));
            if (made < 5) {
                // the first-level account's statement: the money went on, so the trace has something to follow
                FundRequests.TransferInput t = transfers.get(0);
                statement(
                        t.toAccount(),
                        OffsetDateTime.parse(t.time()).toInstant(),
                        new BigDecimal(t.amount()),
                        t.fromAccount());
            }
            made++;
        }
        if (made > 0) {
            log.info(
                    "Demo profile: stop-payment requests for {} cases; simulated banks answer them, CCB waits for demo-bank-token",
                    made);
        }
    }

    /**
     * A statement as the first-level bank would deliver it: the victim's money arrives, goes on
     * within minutes to three second-level accounts (in thirds), one of which withdraws it at an ATM,
     * one passes half on to a third level, and one still holds it.
     */
    private void statement(String first, Instant at, BigDecimal amount, String victim) {
        BigDecimal third = amount.divide(BigDecimal.valueOf(3), 2, RoundingMode.DOWN);
        txn(first, at, "C", amount, amount, victim, null, "网银转账");
        BigDecimal left = amount;
        for (int i = 0; i < 3; i++) {
            String second = account(random);
            Instant when = at.plusSeconds(120L + 90L * i);
            left = left.subtract(third);
            txn(first, when, "D", third, left, second, "ICBC", "网银转账");
            txn(second, when, "C", third, third, first, null, "网银转账");
            if (i == 0) {
                txn(second, when.plusSeconds(600), "D", third, BigDecimal.ZERO.setScale(2), null, null, "ATM取款");
            } else if (i == 1) {
                BigDecimal half = third.divide(BigDecimal.valueOf(2), 2, RoundingMode.DOWN);
                String next = account(random);
                txn(second, when.plusSeconds(300), "D", half, third.subtract(half), next, "CMB", "手机银行");
                txn(next, when.plusSeconds(300), "C", half, half, second, null, "手机银行");
            }
        }
    }

    private void txn(
            String account,
            Instant at,
            String direction,
            BigDecimal amount,
            BigDecimal balance,
            String counterpart,
            String counterpartBank,
            String channel) {
        jdbc.sql("""
                        INSERT INTO fund_transaction (account, bank_code, at, direction, amount, balance, counterpart_account, counterpart_name,
                            counterpart_bank, channel, txn_id, source, imported_at)
                        VALUES (?, NULL, ?, ?, ?, ?, ?, '某某', ?, ?, ?, 'STATEMENT', ?)""")
                .params(
                        account,
                        Timestamp.from(at),
                        direction,
                        amount,
                        balance,
                        counterpart,
                        counterpartBank,
                        channel,
                        "DEMO-" + account + "-" + at.toEpochMilli() + "-" + direction,
                        Timestamp.from(clock.instant()))
                .update();
    }

    /** The simulated banks answer what has waited long enough (30 s to 3 minutes). */
    @Scheduled(
            fixedDelayString = "${fanzha.demo.bank-interval:15s}",
            initialDelayString = "${fanzha.demo.bank-interval:15s}")
    void answer() {
        Instant now = clock.instant();
        record Due(long id, String kind, String bank, BigDecimal amount, Instant sent) {}
        List<Due> due = jdbc.sql("""
                        SELECT id, kind, bank_code, amount, sent_at FROM fund_request
                        WHERE state = 'SENT' AND bank_code <> ? AND sent_at < ? ORDER BY sent_at LIMIT 50""")
                .params(MANUAL_BANK, Timestamp.from(now.minusSeconds(30)))
                .query((rs, n) -> new Due(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getBigDecimal(4),
                        rs.getTimestamp(5).toInstant()))
                .list();
        for (Due r : due) {
            long id = r.id();
            Instant sent = r.sent();
            if (sent.isAfter(now.minusSeconds(30 + random.nextInt(150)))) {
                continue; // not yet: each bank takes its time
            }
            BigDecimal amount = r.amount();
            String bank = r.bank();
            boolean freeze = "FREEZE".equals(r.kind());
            int roll = random.nextInt(100);
            FundRequests.Response response;
            if (roll < 60) {
                response = new FundRequests.Response(
                        freeze ? "FROZEN" : "STOPPED",
                        amount.toPlainString(),
                        amount.toPlainString(),
                        "演示：已止付",
                        List.of());
            } else if (roll < 85 && !freeze) {
                BigDecimal held = amount.multiply(BigDecimal.valueOf(20 + random.nextInt(60)))
                        .divide(BigDecimal.valueOf(100), 2, RoundingMode.DOWN);
                BigDecimal gone = amount.subtract(held);
                List<FundRequests.OnwardInput> onward = new ArrayList<>();
                int hops = 1 + random.nextInt(2);
                for (int i = 0; i < hops; i++) {
                    String to = BANKS[random.nextInt(BANKS.length)];
                    onward.add(new FundRequests.OnwardInput(
                            account(random),
                            to.equals(bank) ? MANUAL_BANK : to,
                            gone.divide(BigDecimal.valueOf(hops), 2, RoundingMode.DOWN)
                                    .max(new BigDecimal("0.01"))
                                    .toPlainString(),
                            OffsetDateTime.ofInstant(sent.minusSeconds(60L * (i + 1)), ZoneOffset.ofHours(8))
                                    .toString()));
                }
                response = new FundRequests.Response(
                        "PARTIAL",
                        held.max(new BigDecimal("0.01")).toPlainString(),
                        held.toPlainString(),
                        "演示：部分止付，余款已转出",
                        onward);
            } else {
                response = new FundRequests.Response("FAILED", "0", "0", "演示：账户余额不足，资金已转出", List.of());
            }
            try {
                answers.answer(id, bank, response, "demo-" + bank.toLowerCase(java.util.Locale.ROOT));
            } catch (RuntimeException e) {
                log.debug("demo bank could not answer request {}: {}", id, e.toString());
            }
        }
    }
}

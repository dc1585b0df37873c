package org.fanzha.funds.internal;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.fanzha.cases.CaseDesk;
import org.fanzha.cases.IdentifierType;
import org.fanzha.cases.Identifiers;
import org.fanzha.platform.Actor;
import org.fanzha.platform.FieldError;
import org.fanzha.platform.Forbidden;
import org.fanzha.platform.InvalidInput;
import org.fanzha.platform.Permission;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Fund tracing (资金流向): from money that reached an account, forward hop by hop. At each account
 * the money leaves first in, first out: what was there before (the balance before the credit) goes
 * first, then the traced money, so each outgoing transfer within the window after the credit carries
 * the part of it that overlaps the traced slice. Accounts that still hold money, and cash-out points
 * (ATM and counter cash, third-party payment, crypto purchases), are marked.
 */
@Service
class FundTraces {

    static final int MAX_HOPS = 10;
    static final int MAX_NODES = 2000;
    private static final Set<String> CASH = Set.of("ATM", "CASH", "取现", "现金", "柜面取现", "ATM取款");
    private static final Set<String> PAYMENT = Set.of("ALIPAY", "TENPAY");

    record Node(
            String account,
            @Nullable String bank,
            int level,
            @Nullable BigDecimal balance,
            BigDecimal received,
            boolean holdsMoney,
            @Nullable String cashOut) {}

    record Edge(
            String from,
            String to,
            BigDecimal amount,
            BigDecimal traced,
            Instant time,
            @Nullable String channel) {}

    record FundTrace(
            String account,
            Instant from,
            BigDecimal amount,
            int hops,
            List<Node> nodes,
            List<Edge> edges,
            int identifiersAdded,
            @Nullable Long caseId) {}

    private record Slice(String account, Instant at, BigDecimal start, BigDecimal amount, int level) {}

    private record Debit(
            Instant at,
            BigDecimal amount,
            @Nullable String to,
            @Nullable String toBank,
            @Nullable String channel,
            @Nullable String name) {}

    private final JdbcClient jdbc;
    private final CaseDesk cases;
    private final org.fanzha.funds.FundsProperties properties;

    FundTraces(JdbcClient jdbc, CaseDesk cases, org.fanzha.funds.FundsProperties properties) {
        this.jdbc = jdbc;
        this.cases = cases;
        this.properties = properties;
    }

    /**
     * The trace, read only: viewing it changes nothing (its accounts join the case by {@link
     * TraceToCase}). Its case is the one given, else the case of the victim's transfer into or out
     * of the account, when the actor may see it.
     */
    @Transactional(readOnly = true)
    FundTrace trace(
            String accountRaw,
            @Nullable Instant from,
            int hops,
            @Nullable BigDecimal amountGiven,
            @Nullable Long caseId,
            Actor actor) {
        if (!actor.isStaff() || !actor.can(Permission.FUNDS_REQUEST)) {
            throw new Forbidden("problem.forbidden.fundsPolice");
        }
        List<FieldError> errors = new ArrayList<>();
        String account = FundRequests.account(accountRaw, "account", errors, true);
        if (from == null) {
            errors.add(new FieldError("from", "error.requiredWhenMoneyArrivedLike2021", null));
        }
        if (hops < 1 || hops > MAX_HOPS) {
            errors.add(FieldError.of("hops", "error.range", hops, 1, MAX_HOPS));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        FundTrace trace = start(account, from, amountGiven, hops, actor.unitCode());
        Long theCase = caseId != null
                ? caseId
                : jdbc.sql("SELECT MIN(case_id) FROM fund_transfer WHERE (to_account = ? OR from_account = ?)"
                                + " AND case_id IS NOT NULL AND unit_code LIKE ?")
                        .params(account, account, actor.unitCode() + "%")
                        .query(Long.class)
                        .optional()
                        .orElse(null);
        Long visible = theCase != null && cases.find(theCase, actor).isPresent() ? theCase : null;
        return new FundTrace(account, trace.from(), trace.amount(), hops, trace.nodes(), trace.edges(), 0, visible);
    }

    /**
     * The trace of money that reached the account at (or within ten minutes after) {@code from}: the
     * amount given, else the credit the statements show then, else the victims' transfers recorded
     * by the units under {@code unitScope}; what the account held before the credit leaves first.
     */
    FundTrace start(String account, Instant from, @Nullable BigDecimal amountGiven, int hops, String unitScope) {
        if (amountGiven == null) {
            Optional<FundTrace> fromVictim = fromVictimsAccount(account, from, hops, unitScope);
            if (fromVictim.isPresent()) {
                return fromVictim.get();
            }
        }
        // the money that arrived: given, else the credit at that time, else the victim's transfer
        BigDecimal amount = amountGiven;
        Instant at = from;
        Optional<Map<String, Object>> credit = jdbc.sql(
                        "SELECT at, amount, balance FROM fund_transaction WHERE account = ? AND direction = 'C' AND at >= ?"
                                + " ORDER BY at, CASE WHEN balance IS NULL THEN 1 ELSE 0 END, id LIMIT 1")
                .params(account, Timestamp.from(from))
                .query((rs, n) -> Map.<String, Object>of(
                        "at", rs.getTimestamp(1).toInstant(),
                        "amount", rs.getBigDecimal(2),
                        "balance", rs.getBigDecimal(3) == null ? BigDecimal.valueOf(-1) : rs.getBigDecimal(3)))
                .optional()
                .filter(c -> !((Instant) c.get("at")).isAfter(from.plus(Duration.ofMinutes(10))));
        if (amount == null) {
            amount = credit.map(c -> (BigDecimal) c.get("amount"))
                    .or(() -> jdbc.sql(
                                    "SELECT SUM(amount) FROM fund_transfer WHERE to_account = ? AND transferred_at = ? AND unit_code LIKE ?")
                            .params(account, Timestamp.from(from), unitScope + "%")
                            .query(BigDecimal.class)
                            .optional())
                    .orElse(null);
        }
        if (amount == null || amount.signum() <= 0) {
            throw new InvalidInput(List.of(new FieldError("amount", "error.noCreditAccountAtThatTime", null)));
        }
        if (credit.isPresent()) {
            at = (Instant) credit.get().get("at");
        }
        BigDecimal before = credit.map(c -> beforeCredit((BigDecimal) c.get("balance"), (BigDecimal) c.get("amount")))
                .orElse(BigDecimal.ZERO);

        return follow(account, at, amount, before, hops);
    }

    /** What the account held before the credit it received at that moment (none known: zero). */
    private BigDecimal heldBefore(String account, Instant at) {
        return jdbc.sql("SELECT amount, balance FROM fund_transaction WHERE account = ? AND direction = 'C' AND at = ?"
                        + " ORDER BY CASE WHEN balance IS NULL THEN 1 ELSE 0 END, id LIMIT 1")
                .params(account, Timestamp.from(at))
                .query((rs, n) -> rs.getBigDecimal(2) == null
                        ? BigDecimal.ZERO
                        : beforeCredit(rs.getBigDecimal(2), rs.getBigDecimal(1)))
                .optional()
                .orElse(BigDecimal.ZERO);
    }

    /**
     * A trace from the victim's own account, which is what an officer has first: its transfers out
     * as the victims' transfers record them (from the given time, of the units under the scope;
     * no credit of the account is needed), each followed from the account it reached. The victim's
     * account is level 0, the accounts it paid level 1 (一级卡). Empty when none is recorded, or when
     * the account has recorded credits then (it is a receiving account, traced as such).
     */
    Optional<FundTrace> fromVictimsAccount(String account, Instant from, int hops, String unitScope) {
        boolean credited = jdbc.sql(
                                "SELECT COUNT(*) FROM fund_transaction WHERE account = ? AND direction = 'C' AND at >= ? AND at <= ?")
                        .params(account, Timestamp.from(from), Timestamp.from(from.plus(Duration.ofMinutes(10))))
                        .query(Long.class)
                        .single()
                > 0;
        if (credited) {
            return Optional.empty();
        }
        record Out(Instant at, String to, String bank, BigDecimal amount, String channel) {}
        List<Out> outs = jdbc.sql("""
                        SELECT transferred_at, to_account, bank_code, amount, channel FROM fund_transfer
                        WHERE from_account = ? AND transferred_at >= ? AND unit_code LIKE ? AND reported_by IS NULL
                        ORDER BY transferred_at, id LIMIT 100""")
                .params(account, Timestamp.from(from), unitScope + "%")
                .query((rs, n) -> new Out(
                        rs.getTimestamp(1).toInstant(),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getBigDecimal(4),
                        rs.getString(5)))
                .list();
        if (outs.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Node> nodes = new LinkedHashMap<>();
        List<Edge> edges = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (Out out : outs) {
            total = total.add(out.amount());
            edges.add(new Edge(account, out.to(), out.amount(), out.amount(), out.at(), out.channel()));
            BigDecimal before = heldBefore(out.to(), out.at());
            FundTrace onward = follow(out.to(), out.at(), out.amount(), before, hops);
            for (Node n : onward.nodes()) {
                Node shifted = new Node(
                        n.account(),
                        n.bank() == null && n.account().equals(out.to()) ? out.bank() : n.bank(),
                        n.level() + 1,
                        n.balance(),
                        n.received(),
                        n.holdsMoney(),
                        n.cashOut());
                nodes.merge(
                        n.account(),
                        shifted,
                        (a, b) -> new Node(
                                a.account(),
                                a.bank(),
                                Math.min(a.level(), b.level()),
                                a.balance(),
                                a.received().add(b.received()),
                                a.holdsMoney(),
                                a.cashOut()));
            }
            edges.addAll(onward.edges());
        }
        List<Node> all = new ArrayList<>();
        all.add(new Node(account, null, 0, null, BigDecimal.ZERO, false, null));
        nodes.values().stream().filter(n -> !n.account().equals(account)).forEach(all::add);
        return Optional.of(new FundTrace(account, from, total, hops, all, edges, 0, null));
    }

    /**
     * Follows {@code amount} that reached {@code account} at {@code at} (with {@code before} already
     * there, which leaves first) forward for {@code hops} levels; reads only, changes nothing.
     */
    FundTrace follow(String account, Instant at, BigDecimal amount, BigDecimal before, int hops) {
        List<Edge> edges = new ArrayList<>();
        Map<String, String> bankOf = new java.util.HashMap<>();
        Map<String, String> pseudoKind = new java.util.HashMap<>();
        Map<String, BigDecimal> received = new LinkedHashMap<>();
        received.put(account, amount);
        Map<String, Integer> level = new LinkedHashMap<>();
        level.put(account, 0);
        ArrayDeque<Slice> queue = new ArrayDeque<>();
        queue.add(new Slice(account, at, before, amount, 0));
        Duration window = properties.traceWindow();
        while (!queue.isEmpty() && level.size() < MAX_NODES) {
            Slice s = queue.poll();
            // a transfer a bank reported in its answer and later found in the statement is one transfer:
            // the statement's row comes first and the reported copy is skipped
            java.util.Set<String> seen = new java.util.HashSet<>();
            List<Debit> debits = new ArrayList<>();
            jdbc.sql("""
                            SELECT at, amount, counterpart_account, counterpart_bank, channel, counterpart_name, source FROM fund_transaction
                            WHERE account = ? AND direction = 'D' AND at >= ? AND at <= ?
                            ORDER BY at, CASE WHEN source = 'STATEMENT' THEN 0 ELSE 1 END, id LIMIT 1000""")
                    .params(s.account(), Timestamp.from(s.at()), Timestamp.from(s.at().plus(window)))
                    .query(rs -> {
                        Debit d = new Debit(
                                rs.getTimestamp(1).toInstant(),
                                rs.getBigDecimal(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getString(6));
                        String key = d.at() + "|" + d.amount().stripTrailingZeros() + "|" + d.to();
                        if (seen.add(key) || "STATEMENT".equals(rs.getString(7))) {
                            debits.add(d);
                        }
                    });
            BigDecimal cum = BigDecimal.ZERO;
            BigDecimal lo = s.start();
            BigDecimal hi = s.start().add(s.amount());
            for (Debit d : debits) {
                if (cum.compareTo(hi) >= 0) {
                    break;
                }
                BigDecimal dLo = cum;
                BigDecimal dHi = cum.add(d.amount());
                cum = dHi;
                BigDecimal overlap = dHi.min(hi).subtract(dLo.max(lo));
                if (overlap.signum() <= 0) {
                    continue;
                }
                String to = d.to() == null ? "(" + channelLabel(d) + ")" : d.to();
                if (d.to() == null) {
                    // money leaving without a counterpart account: cash unless the channel says otherwise
                    String kind = classify(d);
                    pseudoKind.putIfAbsent(to, kind == null ? "CASH" : kind);
                }
                edges.add(new Edge(s.account(), to, d.amount(), overlap, d.at(), d.channel()));
                received.merge(to, overlap, BigDecimal::add);
                if (d.toBank() != null) {
                    bankOf.putIfAbsent(to, d.toBank());
                }
                level.putIfAbsent(to, s.level() + 1);
                if (d.to() != null && s.level() + 1 < hops && level.size() < MAX_NODES) {
                    BigDecimal offset = lo.max(dLo).subtract(dLo);
                    BigDecimal childBefore = heldBefore(d.to(), d.at());
                    queue.add(new Slice(d.to(), d.at(), childBefore.add(offset), overlap, s.level() + 1));
                }
            }
        }
        List<Node> out = new ArrayList<>();
        for (var e : level.entrySet()) {
            String acc = e.getKey();
            if (acc.startsWith("(")) {
                out.add(new Node(
                        acc,
                        null,
                        e.getValue(),
                        null,
                        received.getOrDefault(acc, BigDecimal.ZERO),
                        false,
                        pseudoKind.getOrDefault(acc, "CASH")));
                continue;
            }
            Map<String, Object> last = jdbc.sql(
                            "SELECT balance, bank_code FROM fund_transaction WHERE account = ? ORDER BY at DESC, id DESC LIMIT 1")
                    .param(acc)
                    .query((rs, n) -> {
                        Map<String, Object> m = new java.util.HashMap<>();
                        m.put("balance", rs.getBigDecimal(1));
                        m.put("bank", rs.getString(2));
                        return m;
                    })
                    .optional()
                    .orElse(Map.of());
            BigDecimal balance = (BigDecimal) last.get("balance");
            String bank = (String) last.get("bank");
            if (bank == null) {
                bank = bankOf.get(acc);
            }
            if (bank == null) {
                bank = jdbc.sql("SELECT bank_code FROM fund_transfer WHERE to_account = ? ORDER BY id DESC LIMIT 1")
                        .param(acc)
                        .query(String.class)
                        .optional()
                        .or(() -> jdbc.sql(
                                        "SELECT bank_code FROM fund_request WHERE account = ? ORDER BY id DESC LIMIT 1")
                                .param(acc)
                                .query(String.class)
                                .optional())
                        .orElse(null);
            }
            out.add(new Node(
                    acc,
                    bank,
                    e.getValue(),
                    balance,
                    received.getOrDefault(acc, BigDecimal.ZERO),
                    balance != null && balance.signum() > 0,
                    cashOut(acc)));
        }
        return new FundTrace(account, at, amount, hops, out, edges, 0, null);
    }

    /** A bank card (16 to 19 digits passing Luhn) or another account number; null if neither. */
    static Identifiers.@Nullable Identifier identifier(String account) {
        try {
            return Identifiers.normalise(IdentifierType.BANK_CARD, account);
        } catch (IllegalArgumentException e) {
            try {
                return Identifiers.normalise(IdentifierType.BANK_ACCOUNT, account);
            } catch (IllegalArgumentException e2) {
                return null;
            }
        }
    }

    private static BigDecimal beforeCredit(BigDecimal balanceAfter, BigDecimal credit) {
        if (balanceAfter.signum() < 0) {
            return BigDecimal.ZERO; // balance not known
        }
        return balanceAfter.subtract(credit).max(BigDecimal.ZERO);
    }

    private static String channelLabel(Debit d) {
        return d.channel() == null ? "CASH" : d.channel();
    }

    /** How money left this account for good, if it did: cash, third-party payment, crypto. */
    private @Nullable String cashOut(String account) {
        List<Debit> outs = jdbc.sql("""
                        SELECT at, amount, counterpart_account, counterpart_bank, channel, counterpart_name FROM fund_transaction
                        WHERE account = ? AND direction = 'D' ORDER BY at LIMIT 200""")
                .param(account)
                .query((rs, n) -> new Debit(
                        rs.getTimestamp(1).toInstant(),
                        rs.getBigDecimal(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6)))
                .list();
        for (Debit d : outs) {
            String kind = classify(d);
            if (kind != null) {
                return kind;
            }
        }
        return null;
    }

    /** CASH, CRYPTO or THIRD_PARTY_PAYMENT if the debit takes the money out of the banks' sight. */
    private static @Nullable String classify(Debit d) {
        String channel = d.channel() == null ? "" : d.channel().toUpperCase(Locale.ROOT);
        String name = d.name() == null ? "" : d.name().toUpperCase(Locale.ROOT);
        if (CASH.contains(channel) || channel.contains("ATM") || channel.contains("取现") || channel.contains("取款")) {
            return "CASH";
        }
        if (name.contains("USDT") || name.contains("币") || channel.contains("CRYPTO") || channel.contains("USDT")) {
            return "CRYPTO";
        }
        if ((d.toBank() != null && PAYMENT.contains(d.toBank()))
                || channel.contains("支付宝")
                || channel.contains("财付通")
                || channel.contains("微信")) {
            return "THIRD_PARTY_PAYMENT";
        }
        return null;
    }
}

package org.fanzha.funds.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.fanzha.audit.AuditLog;
import org.fanzha.funds.FundsProperties;
import org.fanzha.platform.Actor;
import org.fanzha.platform.FieldError;
import org.fanzha.platform.Forbidden;
import org.fanzha.platform.InvalidInput;
import org.fanzha.platform.Notifier;
import org.fanzha.platform.Permission;
import org.fanzha.platform.ProblemException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Returns (返还): the money frozen in an account goes back to the victims whose money reached it, in
 * proportion to what each victim's money contributed as traced. Every victim's transfer recorded in
 * the look-back before the freeze (any unit's: a return is fair to all victims) is traced forward
 * ({@link FundTraces#start}); what of it arrived at the frozen account is that victim's contribution.
 * When the contributions together are no more than the money frozen, each victim gets back the
 * contribution; otherwise each gets frozen × contribution ÷ total, to the fen, the fen left by
 * rounding going to the largest remainders so the shares add up exactly. An officer of the freezing
 * unit proposes, a commander other than the proposer approves; the approved shares are the record
 * per victim, and the amount is deducted from the freeze.
 */
@Service
class Returns {

    /** How far a return traces each victim's money. */
    static final int HOPS = 5;

    static final int MAX_VICTIM_TRANSFERS = 2000;

    /** Accounts walked back from a frozen account; beyond them nothing is traced. */
    static final int MAX_UPSTREAM = 50_000;

    record Share(
            long transferId,
            @Nullable Long caseId,
            @Nullable Long warningId,
            String unitCode,
            Instant transferredAt,
            BigDecimal transferred,
            BigDecimal traced,
            BigDecimal share) {}

    record Return(
            long id,
            long freezeId,
            String account,
            String bank,
            String bankName,
            String unitCode,
            BigDecimal frozenAmount,
            BigDecimal tracedTotal,
            BigDecimal returnTotal,
            String state,
            String calculation,
            String proposedBy,
            Instant proposedAt,
            @Nullable String decidedBy,
            @Nullable Instant decidedAt,
            @Nullable String decisionNote,
            List<Share> shares) {}

    record Decision(@Nullable String note) {}

    static final class ReturnNotFound extends ProblemException {
        ReturnNotFound(long id) {
            super(
                    HttpStatus.NOT_FOUND,
                    "fund-return-not-found",
                    "problem.returnNotFound.title",
                    "problem.returnNotFound.detail",
                    args(id),
                    java.util.Map.of());
        }
    }

    static final class ReturnRefused extends ProblemException {
        ReturnRefused(String detail, Object... args) {
            super(
                    HttpStatus.CONFLICT,
                    "fund-return-state",
                    "problem.returnRefused.title",
                    detail,
                    args(args),
                    java.util.Map.of());
        }
    }

    private record Freeze(
            long id,
            String kind,
            String state,
            String account,
            String bank,
            String unitCode,
            @Nullable BigDecimal held,
            @Nullable BigDecimal deducted,
            @Nullable Instant answeredAt) {}

    private record VictimTransfer(
            long id,
            @Nullable Long caseId,
            @Nullable Long warningId,
            String unitCode,
            Instant at,
            String toAccount,
            BigDecimal amount) {}

    private final JdbcClient jdbc;
    private final FundTraces tracing;
    private final Banks banks;
    private final AuditLog audit;
    private final Notifier notifier;
    private final FundsProperties properties;
    private final Clock clock;
    private final FundEvents events;

    Returns(
            JdbcClient jdbc,
            FundTraces tracing,
            Banks banks,
            AuditLog audit,
            Notifier notifier,
            FundsProperties properties,
            Clock clock,
            FundEvents events) {
        this.events = events;
        this.jdbc = jdbc;
        this.tracing = tracing;
        this.banks = banks;
        this.audit = audit;
        this.notifier = notifier;
        this.properties = properties;
        this.clock = clock;
    }

    /** Works out the return of a freeze in force and records it as PROPOSED for a commander. */
    @Transactional
    Return propose(long freezeId, Actor actor) {
        police(actor, Permission.FUNDS_REQUEST);
        Freeze f = freezeForUpdate(freezeId)
                .filter(x -> actor.covers(x.unitCode()))
                .orElseThrow(() -> new FundRequests.RequestNotFound(freezeId));
        if (!f.kind().equals("FREEZE")
                || !(f.state().equals("FROZEN") || f.state().equals("PARTIAL"))) {
            throw new ReturnRefused(
                    "problem.return.notInForce",
                    freezeId,
                    org.fanzha.platform.Texts.key("funds.kind." + f.kind()),
                    org.fanzha.platform.Texts.key("funds.state." + f.state()));
        }
        BigDecimal available = available(f);
        if (available.signum() <= 0) {
            throw new ReturnRefused("problem.return.nothingLeft", freezeId);
        }
        Long open = jdbc.sql("SELECT COUNT(*) FROM fund_return WHERE freeze_id = ? AND state = 'PROPOSED'")
                .param(freezeId)
                .query(Long.class)
                .single();
        if (open > 0) {
            throw new ReturnRefused("problem.return.awaiting", freezeId);
        }
        Instant until = f.answeredAt() == null ? clock.instant() : f.answeredAt();
        Instant since = until.minus(properties.returnLookback());
        // only victims' transfers into accounts from which money could have reached the frozen one
        // (walking the payments backwards for as many levels as the trace goes forwards) are traced
        Upstream up = upstream(f.account(), since, until);
        List<VictimTransfer> transfers = jdbc
                .sql("""
                        SELECT id, case_id, warning_id, unit_code, transferred_at, to_account, amount FROM fund_transfer
                        WHERE reported_by IS NULL AND transferred_at >= ? AND transferred_at <= ? ORDER BY transferred_at, id""")
                .params(Timestamp.from(since), Timestamp.from(until))
                .query((rs, n) -> new VictimTransfer(
                        rs.getLong(1),
                        rs.getObject(2, Long.class),
                        rs.getObject(3, Long.class),
                        rs.getString(4),
                        rs.getTimestamp(5).toInstant(),
                        rs.getString(6),
                        rs.getBigDecimal(7)))
                .list()
                .stream()
                .filter(t -> up.accounts().contains(t.toAccount()))
                .toList();
        if (transfers.size() > MAX_VICTIM_TRANSFERS) {
            throw new ReturnRefused(
                    "problem.return.tooMany",
                    MAX_VICTIM_TRANSFERS,
                    properties.returnLookback().toDays());
        }
        List<VictimTransfer> contributing = new ArrayList<>();
        List<BigDecimal> traced = new ArrayList<>();
        java.util.Map<Long, BigDecimal> earlier = new java.util.HashMap<>();
        for (VictimTransfer t : transfers) {
            BigDecimal reached = t.toAccount().equals(f.account())
                    ? t.amount()
                    : tracing.start(t.toAccount(), t.at(), t.amount(), HOPS, "").nodes().stream()
                            .filter(n -> n.account().equals(f.account()))
                            .map(FundTraces.Node::received)
                            .findFirst()
                            .orElse(BigDecimal.ZERO);
            if (reached.signum() <= 0) {
                continue;
            }
            // what approved returns already gave back: from this account (out of what reached it),
            // and from anywhere (a victim never gets back more than they sent)
            BigDecimal[] given = returned(t.id(), f.account());
            BigDecimal fromHere = given[0];
            BigDecimal fromAll = given[1];
            BigDecimal claim =
                    reached.min(t.amount()).subtract(fromHere).min(t.amount().subtract(fromAll));
            if (claim.signum() > 0) {
                contributing.add(t);
                traced.add(claim);
                if (fromAll.signum() > 0) {
                    earlier.put(t.id(), fromAll);
                }
            }
        }
        if (contributing.isEmpty() && !transfers.isEmpty()) {
            throw new ReturnRefused("problem.return.returnedAlready", f.account());
        }
        if (contributing.isEmpty()) {
            throw new ReturnRefused(
                    "problem.return.noneTraced", properties.returnLookback().toDays(), f.account());
        }
        BigDecimal total = traced.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        List<BigDecimal> shares = shares(available, traced);
        BigDecimal returnTotal = shares.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        StringBuilder calc = new StringBuilder();
        calc.append("冻结账户 ")
                .append(f.account())
                .append(" 可返还 ")
                .append(available.toPlainString())
                .append(" 元（冻结 ")
                .append(f.held().toPlainString())
                .append(f.deducted() == null ? "" : "，已扣划 " + f.deducted().toPlainString())
                .append("）。追踪冻结前 ")
                .append(properties.returnLookback().toDays())
                .append(" 日内登记的被害人转账 ")
                .append(transfers.size())
                .append(" 笔（资金可能流入该账户的 ")
                .append(up.accounts().size())
                .append(" 个上游账户")
                .append(up.complete() ? "" : "，已达上限 " + MAX_UPSTREAM + " 个，更远的未计")
                .append("；")
                .append(HOPS)
                .append(" 层，先进先出），其中 ")
                .append(contributing.size())
                .append(" 笔的资金流入该账户，共 ")
                .append(total.toPlainString())
                .append(" 元。");
        if (total.compareTo(available) <= 0) {
            calc.append("流入不多于可返还金额：各被害人按流入金额全额返还，共 ")
                    .append(returnTotal.toPlainString())
                    .append(" 元。");
        } else {
            calc.append("流入多于可返还金额：按比例返还，每人 = ")
                    .append(available.toPlainString())
                    .append(" × 流入金额 ÷ ")
                    .append(total.toPlainString())
                    .append("（比例 ")
                    .append(available.divide(total, 6, RoundingMode.DOWN).toPlainString())
                    .append("），按分取整，尾差分给余数最大者。");
        }
        for (int i = 0; i < contributing.size(); i++) {
            VictimTransfer t = contributing.get(i);
            calc.append("\n")
                    .append(t.caseId() != null ? "案件 " + t.caseId() : "预警 " + t.warningId())
                    .append("：转账 ")
                    .append(t.amount().toPlainString())
                    .append(
                            earlier.containsKey(t.id())
                                    ? "（此前已返还 " + earlier.get(t.id()).toPlainString() + "）"
                                    : "")
                    .append("，尚可返还的流入 ")
                    .append(traced.get(i).toPlainString())
                    .append("，返还 ")
                    .append(shares.get(i).toPlainString());
        }
        String calculation = calc.length() > 4000 ? calc.substring(0, 3997) + "…" : calc.toString();
        Instant now = clock.instant();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO fund_return (freeze_id, account, bank_code, unit_code, frozen_amount, traced_total, return_total, state,
                            calculation, proposed_by, proposed_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'PROPOSED', ?, ?, ?)""")
                .params(
                        f.id(),
                        f.account(),
                        f.bank(),
                        f.unitCode(),
                        available,
                        total,
                        returnTotal,
                        calculation,
                        actor.name(),
                        Timestamp.from(now))
                .update(key, "id");
        long id = key.getKey().longValue();
        for (int i = 0; i < contributing.size(); i++) {
            VictimTransfer t = contributing.get(i);
            jdbc.sql("""
                            INSERT INTO fund_return_share (return_id, transfer_id, case_id, warning_id, unit_code, transferred_at, transferred,
                                traced, share_amount) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(
                            id,
                            t.id(),
                            t.caseId(),
                            t.warningId(),
                            t.unitCode(),
                            Timestamp.from(t.at()),
                            t.amount(),
                            traced.get(i),
                            shares.get(i))
                    .update();
        }
        event(f.id(), now, "RETURN_PROPOSED", actor.name(), "返还方案 " + id + "：" + returnTotal.toPlainString() + " 元");
        audit.record(
                "CREATE",
                "fund-return",
                Long.toString(id),
                "proposed " + returnTotal.toPlainString() + " from freeze " + f.id());
        notifier.notify(new Notifier.Notice(
                f.unitCode(),
                "FUND_RETURN_PROPOSED",
                "fund return " + id,
                "冻结资金返还方案待审批：" + returnTotal.toPlainString() + " 元，" + contributing.size() + " 名被害人",
                "/funds/returns/" + id));
        return get(id, actor);
    }

    record Upstream(java.util.Set<String> accounts, boolean complete) {}

    /**
     * The accounts from which money could have reached the account within the period, up to
     * {@link #HOPS} payments back: who the account's statements show paying it, and whose statements
     * show paying it; the account itself included.
     */
    Upstream upstream(String account, Instant since, Instant until) {
        java.util.Set<String> seen = new java.util.HashSet<>(List.of(account));
        List<String> frontier = List.of(account);
        boolean complete = true;
        for (int level = 0; level < HOPS && !frontier.isEmpty(); level++) {
            List<String> next = new ArrayList<>();
            for (String a : frontier) {
                List<String> payers = jdbc.sql("""
                                SELECT counterpart_account FROM fund_transaction
                                WHERE account = ? AND direction = 'C' AND at >= ? AND at <= ? AND counterpart_account IS NOT NULL
                                UNION
                                SELECT account FROM fund_transaction
                                WHERE counterpart_account = ? AND direction = 'D' AND at >= ? AND at <= ?""")
                        .params(
                                a,
                                Timestamp.from(since),
                                Timestamp.from(until),
                                a,
                                Timestamp.from(since),
                                Timestamp.from(until))
                        .query(String.class)
                        .list();
                for (String p : payers) {
                    if (seen.size() >= MAX_UPSTREAM) {
                        complete = false;
                        break;
                    }
                    if (seen.add(p)) {
                        next.add(p);
                    }
                }
            }
            frontier = next;
        }
        return new Upstream(seen, complete);
    }

    /**
     * The victims' shares: each contribution in full when they fit in what is frozen, else in
     * proportion, floored to the fen, the fen left over going one each to the largest remainders.
     */
    static List<BigDecimal> shares(BigDecimal available, List<BigDecimal> contributions) {
        BigDecimal total = contributions.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        if (total.compareTo(available) <= 0) {
            return contributions.stream()
                    .map(c -> c.setScale(2, RoundingMode.DOWN))
                    .toList();
        }
        List<BigDecimal> shares = new ArrayList<>();
        List<BigDecimal> remainders = new ArrayList<>();
        BigDecimal given = BigDecimal.ZERO;
        for (BigDecimal c : contributions) {
            BigDecimal exact = available.multiply(c);
            BigDecimal fen = exact.multiply(BigDecimal.valueOf(100)).divideToIntegralValue(total);
            BigDecimal share = fen.movePointLeft(2).setScale(2, RoundingMode.UNNECESSARY);
            shares.add(share);
            remainders.add(exact.subtract(share.multiply(total)));
            given = given.add(share);
        }
        int left = available.subtract(given).movePointRight(2).intValueExact();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < shares.size(); i++) {
            order.add(i);
        }
        // largest remainder first; among equals, the earlier transfer
        order.sort(Comparator.comparing((Integer i) -> remainders.get(i))
                .reversed()
                .thenComparing(i -> i));
        for (int k = 0; k < left; k++) {
            int i = order.get(k % order.size());
            shares.set(i, shares.get(i).add(new BigDecimal("0.01")));
        }
        return shares;
    }

    @Transactional
    Return approve(long id, @Nullable Decision decision, Actor actor) {
        return decide(id, true, decision, actor);
    }

    @Transactional
    Return reject(long id, @Nullable Decision decision, Actor actor) {
        return decide(id, false, decision, actor);
    }

    private Return decide(long id, boolean approve, @Nullable Decision decision, Actor actor) {
        police(actor, Permission.FUNDS_RETURN_APPROVE);
        String note = decision == null || decision.note() == null
                ? ""
                : decision.note().strip();
        if (note.length() > 1000 || (!approve && note.isEmpty())) {
            throw new InvalidInput(List.of(
                    new FieldError("note", approve ? "error.atMost1000Characters" : "error.rejectReason", null)));
        }
        Return r = read(id).filter(x -> actor.covers(x.unitCode())).orElseThrow(() -> new ReturnNotFound(id));
        if (!r.state().equals("PROPOSED")) {
            throw new ReturnRefused(
                    "problem.return.decided", id, org.fanzha.platform.Texts.key("funds.return." + r.state()));
        }
        if (r.proposedBy().equals(actor.name())) {
            throw new Forbidden("problem.forbidden.returnFourEyes");
        }
        Freeze f = freezeForUpdate(r.freezeId()).orElseThrow(() -> new ReturnNotFound(id));
        Instant now = clock.instant();
        // under the freeze's lock: a second decision of the same return, made at the same moment,
        // finds it decided and changes nothing
        int decided = jdbc.sql(
                        "UPDATE fund_return SET state = ?, decided_by = ?, decided_at = ?, decision_note = ? WHERE id = ? AND state = 'PROPOSED'")
                .params(
                        approve ? "APPROVED" : "REJECTED",
                        actor.name(),
                        Timestamp.from(now),
                        note.isEmpty() ? null : note,
                        id)
                .update();
        if (decided == 0) {
            throw new ReturnRefused("problem.return.decidedMeanwhile", id);
        }
        if (approve) {
            if (!(f.state().equals("FROZEN") || f.state().equals("PARTIAL"))) {
                throw new ReturnRefused(
                        "problem.return.freezeChanged",
                        f.id(),
                        org.fanzha.platform.Texts.key("funds.state." + f.state()));
            }
            if (available(f).compareTo(r.returnTotal()) < 0) {
                throw new ReturnRefused("problem.return.onlyLeft", available(f), f.id());
            }
            BigDecimal deducted = (f.deducted() == null ? BigDecimal.ZERO : f.deducted()).add(r.returnTotal());
            boolean all = f.held() != null && deducted.compareTo(f.held()) >= 0;
            jdbc.sql("UPDATE fund_request SET deducted_amount = ?, state = ?, released_at = ? WHERE id = ?")
                    .params(deducted, all ? "RELEASED" : f.state(), all ? Timestamp.from(now) : null, f.id())
                    .update();
        }
        event(
                f.id(),
                now,
                approve ? "RETURN_APPROVED" : "RETURN_REJECTED",
                actor.name(),
                "返还方案 " + id + "：" + r.returnTotal().toPlainString() + " 元" + (note.isEmpty() ? "" : "，" + note));
        audit.record(
                "UPDATE",
                "fund-return",
                Long.toString(id),
                (approve ? "approved " : "rejected ") + r.returnTotal().toPlainString());
        if (approve) {
            // each victim's unit learns what comes back to its victim
            r.shares().stream()
                    .map(Share::unitCode)
                    .distinct()
                    .forEach(unit -> notifier.notify(new Notifier.Notice(
                            unit,
                            "FUND_RETURN_APPROVED",
                            "fund return " + id,
                            "冻结资金返还已批准：账户 " + r.account() + "，返还本单位被害人 "
                                    + r.shares().stream()
                                            .filter(s -> s.unitCode().equals(unit))
                                            .map(Share::share)
                                            .reduce(BigDecimal.ZERO, BigDecimal::add)
                                            .toPlainString()
                                    + " 元",
                            "/funds/returns/" + id)));
        }
        return get(id, actor);
    }

    @Transactional(readOnly = true)
    Return get(long id, Actor actor) {
        police(actor, Permission.FUNDS_REQUEST);
        return read(id).filter(r ->
                        actor.covers(r.unitCode()) || r.shares().stream().anyMatch(s -> actor.covers(s.unitCode())))
                .orElseThrow(() -> new ReturnNotFound(id));
    }

    @Transactional(readOnly = true)
    List<Return> ofFreeze(long freezeId, Actor actor) {
        police(actor, Permission.FUNDS_REQUEST);
        return jdbc
                .sql("SELECT id FROM fund_return WHERE freeze_id = ? AND unit_code LIKE ? ORDER BY id")
                .params(freezeId, actor.unitCode() + "%")
                .query(Long.class)
                .list()
                .stream()
                .map(i -> read(i).orElseThrow())
                .toList();
    }

    private Optional<Return> read(long id) {
        List<Share> shares = jdbc.sql("""
                        SELECT transfer_id, case_id, warning_id, unit_code, transferred_at, transferred, traced, share_amount
                        FROM fund_return_share WHERE return_id = ? ORDER BY transferred_at, id""")
                .param(id)
                .query((rs, n) -> new Share(
                        rs.getLong(1),
                        rs.getObject(2, Long.class),
                        rs.getObject(3, Long.class),
                        rs.getString(4),
                        rs.getTimestamp(5).toInstant(),
                        rs.getBigDecimal(6),
                        rs.getBigDecimal(7),
                        rs.getBigDecimal(8)))
                .list();
        return jdbc.sql("""
                        SELECT id, freeze_id, account, bank_code, unit_code, frozen_amount, traced_total, return_total, state, calculation,
                            proposed_by, proposed_at, decided_by, decided_at, decision_note FROM fund_return WHERE id = ?""")
                .param(id)
                .query((rs, n) -> new Return(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getString(4),
                        banks.get(rs.getString(4)).name(),
                        rs.getString(5),
                        rs.getBigDecimal(6),
                        rs.getBigDecimal(7),
                        rs.getBigDecimal(8),
                        rs.getString(9),
                        rs.getString(10),
                        rs.getString(11),
                        rs.getTimestamp(12).toInstant(),
                        rs.getString(13),
                        FundRequests.instant(rs, "decided_at"),
                        rs.getString(15),
                        shares))
                .optional();
    }

    private Optional<Freeze> freezeForUpdate(long id) {
        return jdbc.sql("""
                        SELECT id, kind, state, account, bank_code, unit_code, held_amount, deducted_amount, answered_at
                        FROM fund_request WHERE id = ? FOR UPDATE""")
                .param(id)
                .query((rs, n) -> new Freeze(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getBigDecimal(7),
                        rs.getBigDecimal(8),
                        FundRequests.instant(rs, "answered_at")))
                .optional();
    }

    /** What approved returns gave back for a victim's transfer: from this account, and from any. */
    private BigDecimal[] returned(long transferId, String account) {
        return jdbc.sql("""
                        SELECT COALESCE(SUM(CASE WHEN r.account = ? THEN s.share_amount END), 0),
                               COALESCE(SUM(s.share_amount), 0)
                        FROM fund_return_share s JOIN fund_return r ON r.id = s.return_id
                        WHERE r.state = 'APPROVED' AND s.transfer_id = ?""")
                .params(account, transferId)
                .query((rs, n) -> new BigDecimal[] {rs.getBigDecimal(1), rs.getBigDecimal(2)})
                .single();
    }

    private static BigDecimal available(Freeze f) {
        BigDecimal held = f.held() == null ? BigDecimal.ZERO : f.held();
        return held.subtract(f.deducted() == null ? BigDecimal.ZERO : f.deducted());
    }

    private void event(long requestId, Instant at, String kind, String actor, String note) {
        events.record(requestId, at, kind, actor, note);
    }

    private static void police(Actor actor, Permission permission) {
        if (!actor.isStaff() || !actor.can(permission)) {
            throw new Forbidden("problem.forbidden.returnsPolice");
        }
    }
}

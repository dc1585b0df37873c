package org.fanzha.funds.internal;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fanzha.audit.AuditLog;
import org.fanzha.cases.CaseDesk;
import org.fanzha.cases.CaseStatus;
import org.fanzha.funds.FundsProperties;
import org.fanzha.platform.Actor;
import org.fanzha.platform.FieldError;
import org.fanzha.platform.Forbidden;
import org.fanzha.platform.InvalidInput;
import org.fanzha.platform.Masking;
import org.fanzha.platform.Permission;
import org.fanzha.platform.ProblemException;
import org.fanzha.staff.PartnerBanks;
import org.fanzha.warning.Outcome;
import org.fanzha.warning.WarningDesk;
import org.fanzha.warning.WarningState;
import org.fanzha.warning.WarningSummary;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stop-payment (紧急止付) and freeze (冻结) requests. An officer records the victim's transfers from a
 * case or a warning that ended ALREADY_DEFRAUDED or PERSISTS; one request goes to the receiving
 * institution for each receiving account. Institutions read their queue and answer; the onward
 * transfers they report become proposals on the next-hop accounts, sent with one click. A request
 * not answered in time is EXPIRED; every state is timestamped and every action audited.
 */
@Service
class FundRequests {

    private static final Logger log = LoggerFactory.getLogger(FundRequests.class);

    enum Kind {
        STOP_PAYMENT,
        FREEZE
    }

    enum State {
        PROPOSED,
        REQUESTED,
        SENT,
        STOPPED,
        PARTIAL,
        FAILED,
        EXPIRED,
        FROZEN,
        RELEASED,
        LAPSED,
        WITHDRAWN
    }

    enum Channel {
        BANK_TRANSFER,
        ALIPAY,
        WECHAT_PAY,
        CARD,
        CASH_DEPOSIT
    }

    record TransferInput(
            @Nullable String time,
            @Nullable String fromAccount,
            @Nullable String toAccount,
            @Nullable String toBank,
            @Nullable String amount,
            @Nullable String channel) {}

    record StopPaymentRequest(
            @Nullable Long caseId,
            @Nullable Long warningId,
            @Nullable List<@Nullable TransferInput> transfers) {}

    record OnwardInput(
            @Nullable String toAccount,
            @Nullable String toBank,
            @Nullable String amount,
            @Nullable String time) {}

    record Response(
            @Nullable String result,
            @Nullable String heldAmount,
            @Nullable String balance,
            @Nullable String note,
            @Nullable List<@Nullable OnwardInput> onward) {}

    record FreezeRequest(
            @Nullable Long requestId,
            @Nullable Long caseId,
            @Nullable Long warningId,
            @Nullable String account,
            @Nullable String bank,
            @Nullable String amount,
            @Nullable String documentNumber,
            @Nullable String approvingOfficer,
            @Nullable Integer months,
            @Nullable Boolean aboveBalanceConfirmed) {}

    record Transfer(
            long id,
            Instant time,
            @Nullable String fromAccount,
            String toAccount,
            String bank,
            String bankName,
            BigDecimal amount,
            String channel,
            @Nullable Long reportedBy) {}

    record Event(
            Instant at, String kind, String actor, @Nullable String note) {}

    record View(
            long id,
            String kind,
            String state,
            String account,
            String bank,
            String bankName,
            BigDecimal amount,
            @Nullable Long caseId,
            @Nullable Long warningId,
            String unitCode,
            @Nullable Long parentId,
            int hop,
            @Nullable Instant proposedAt,
            @Nullable Instant requestedAt,
            @Nullable Instant sentAt,
            @Nullable Instant answerDue,
            @Nullable Instant answeredAt,
            @Nullable Long secondsToAnswer,
            @Nullable BigDecimal heldAmount,
            @Nullable BigDecimal balance,
            @Nullable String answerNote,
            @Nullable Instant holdsUntil,
            @Nullable String documentNumber,
            @Nullable String approvingOfficer,
            @Nullable LocalDate freezeFrom,
            @Nullable LocalDate freezeUntil,
            int renewals,
            @Nullable Instant releasedAt,
            @Nullable BigDecimal deductedAmount,
            List<Transfer> transfers,
            List<Transfer> onward,
            List<Event> events,
            @Nullable Instant arrivedAt) {}

    record Created(List<View> requests) {}

    /** The time banks take to answer, per bank. */
    record BankTiming(
            String bank,
            String name,
            long answered,
            long open,
            @Nullable Long medianSeconds,
            @Nullable Long maxSeconds) {}

    private static final BigDecimal MAX_AMOUNT = new BigDecimal("100000000000");

    private final JdbcClient jdbc;
    private final Banks banks;
    private final CaseDesk cases;
    private final WarningDesk warnings;
    private final PartnerBanks partnerBanks;
    private final AuditLog audit;
    private final FundsProperties properties;
    private final Clock clock;

    private final org.fanzha.warning.PartnerWebhooks webhooks;
    private final FundEvents events;

    FundRequests(
            JdbcClient jdbc,
            Banks banks,
            CaseDesk cases,
            WarningDesk warnings,
            PartnerBanks partnerBanks,
            AuditLog audit,
            FundsProperties properties,
            Clock clock,
            org.fanzha.warning.PartnerWebhooks webhooks,
            FundEvents events) {
        this.events = events;
        this.webhooks = webhooks;
        this.jdbc = jdbc;
        this.banks = banks;
        this.cases = cases;
        this.warnings = warnings;
        this.partnerBanks = partnerBanks;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    static final class RequestNotFound extends ProblemException {
        RequestNotFound(long id) {
            super(
                    HttpStatus.NOT_FOUND,
                    "fund-request-not-found",
                    "problem.fundRequestNotFound.title",
                    "problem.fundRequestNotFound.detail",
                    args(id),
                    java.util.Map.of());
        }
    }

    static final class WrongState extends ProblemException {
        WrongState(String detail, Object... args) {
            super(
                    HttpStatus.CONFLICT,
                    "fund-request-state",
                    "problem.wrongState.title",
                    detail,
                    args(args),
                    java.util.Map.of());
        }
    }

    /** Where the money was taken from: a case of the jurisdiction, or a warning that ended in a loss. */
    record Origin(@Nullable Long caseId, @Nullable Long warningId, String unitCode) {}

    Origin origin(@Nullable Long caseId, @Nullable Long warningId, Actor actor) {
        if ((caseId == null) == (warningId == null)) {
            throw new InvalidInput(List.of(new FieldError("caseId", "error.giveCaseIdWarningIdOneThem", null)));
        }
        if (caseId != null) {
            CaseDesk.CaseRef c = cases.find(caseId, actor)
                    .orElseThrow(() -> new InvalidInput(
                            List.of(new FieldError("caseId", "error.noSuchCaseInYourJurisdiction", caseId))));
            if (c.status() == CaseStatus.WITHDRAWN) {
                throw new InvalidInput(List.of(new FieldError("caseId", "error.caseWasWithdrawn", caseId)));
            }
            return new Origin(caseId, null, c.unitCode());
        }
        WarningSummary w = warnings.summary(warningId)
                .orElseThrow(() -> new InvalidInput(
                        List.of(new FieldError("warningId", "error.noSuchWarningInYourJurisdiction", warningId))));
        if (w.state() != WarningState.CLOSED
                || (w.outcome() != Outcome.ALREADY_DEFRAUDED && w.outcome() != Outcome.PERSISTS)) {
            throw new InvalidInput(
                    List.of(new FieldError("warningId", "error.onlyWarningClosedALREADYDEFRAUDEDPERSISTS", warningId)));
        }
        return new Origin(null, warningId, w.unitCode());
    }

    static @Nullable BigDecimal amount(@Nullable String raw, String field, List<FieldError> errors, boolean required) {
        if (raw == null || raw.isBlank()) {
            if (required) {
                errors.add(new FieldError(field, "error.requiredYuanLike3800000", null));
            }
            return null;
        }
        try {
            BigDecimal v = new BigDecimal(raw.strip());
            if (v.signum() <= 0 || v.scale() > 2 || v.compareTo(MAX_AMOUNT) >= 0) {
                errors.add(new FieldError(
                        field, "error.moreThan0AtMostTwo", raw.length() > 30 ? raw.substring(0, 30) : raw));
                return null;
            }
            return v.setScale(2);
        } catch (NumberFormatException e) {
            errors.add(new FieldError(
                    field, "error.decimalAmountInYuanLike38000", raw.length() > 30 ? raw.substring(0, 30) : raw));
            return null;
        }
    }

    static @Nullable String account(@Nullable String raw, String field, List<FieldError> errors, boolean required) {
        if (raw == null || raw.isBlank()) {
            if (required) {
                errors.add(new FieldError(field, "error.required", null));
            }
            return null;
        }
        String a = raw.replace(" ", "").replace("-", "");
        if (!a.matches("[0-9A-Za-z@._]{4,40}")) {
            errors.add(new FieldError(
                    field, "error.accountNumber440DigitsLetters", raw.length() > 40 ? raw.substring(0, 40) : raw));
            return null;
        }
        return a;
    }

    static @Nullable Instant time(@Nullable String raw, String field, List<FieldError> errors, Instant now) {
        if (raw == null || raw.isBlank()) {
            errors.add(new FieldError(field, "error.requiredLike20210601T2020", null));
            return null;
        }
        try {
            Instant t = OffsetDateTime.parse(raw.strip()).toInstant();
            if (t.isAfter(now.plus(Duration.ofMinutes(5)))) {
                errors.add(new FieldError(field, "error.inFuture", raw));
                return null;
            }
            return t;
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(
                    field, "error.timeWithItsOffsetLike2021", raw.length() > 40 ? raw.substring(0, 40) : raw));
            return null;
        }
    }

    /** Records the transfers and sends one stop-payment request per receiving account. */
    @Transactional
    Created stopPayments(StopPaymentRequest request, Actor actor) {
        requirePolice(actor);
        Origin origin = origin(request.caseId(), request.warningId(), actor);
        List<@Nullable TransferInput> inputs = request.transfers() == null ? List.of() : request.transfers();
        List<FieldError> errors = new ArrayList<>();
        if (inputs.isEmpty()) {
            errors.add(new FieldError("transfers", "error.atLeastOneTransfer", null));
        }
        if (inputs.size() > properties.maxTransfers()) {
            throw new InvalidInput(List.of(
                    FieldError.of("transfers", "error.atMostInOneRequest", inputs.size(), properties.maxTransfers())));
        }
        Instant now = clock.instant();
        record Parsed(Instant time, @Nullable String from, String to, String bank, BigDecimal amount, String channel) {}
        List<Parsed> parsed = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            TransferInput t = inputs.get(i);
            String p = "transfers[" + i + "].";
            if (t == null) {
                errors.add(new FieldError("transfers[" + i + "]", "error.transfer", null));
                continue;
            }
            int before = errors.size();
            Instant time = time(t.time(), p + "time", errors, now);
            String from = account(t.fromAccount(), p + "fromAccount", errors, false);
            String to = account(t.toAccount(), p + "toAccount", errors, true);
            Optional<Banks.Bank> bank = banks.find(t.toBank());
            if (bank.isEmpty()) {
                errors.add(new FieldError(
                        p + "toBank",
                        "error.notKnownBankPaymentInstitution",
                        t.toBank() == null || t.toBank().length() > 40 ? null : t.toBank()));
            }
            BigDecimal amount = amount(t.amount(), p + "amount", errors, true);
            String channel = t.channel() == null ? "BANK_TRANSFER" : t.channel();
            try {
                Channel.valueOf(channel);
            } catch (IllegalArgumentException e) {
                errors.add(FieldError.of(
                        p + "channel",
                        "error.oneOf",
                        channel.length() > 20 ? null : channel,
                        EnumSet.allOf(Channel.class)));
            }
            if (errors.size() == before) {
                parsed.add(new Parsed(time, from, to, bank.orElseThrow().code(), amount, channel));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        // one request per receiving account, for what the victim sent it
        Map<String, List<Parsed>> byAccount = new LinkedHashMap<>();
        for (Parsed p : parsed) {
            byAccount
                    .computeIfAbsent(p.bank() + " " + p.to(), k -> new ArrayList<>())
                    .add(p);
        }
        List<View> created = new ArrayList<>();
        for (List<Parsed> group : byAccount.values()) {
            BigDecimal total = group.stream().map(Parsed::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            long id = insertRequest(
                    Kind.STOP_PAYMENT,
                    State.SENT,
                    group.get(0).to(),
                    group.get(0).bank(),
                    total,
                    origin,
                    null,
                    0,
                    actor.name(),
                    now);
            for (Parsed p : group) {
                jdbc.sql("""
                                INSERT INTO fund_transfer (case_id, warning_id, unit_code, transferred_at, from_account, to_account, bank_code,
                                    amount, channel, reported_by, request_id, created_by, created_at)
                                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)""")
                        .params(
                                origin.caseId(),
                                origin.warningId(),
                                origin.unitCode(),
                                Timestamp.from(p.time()),
                                p.from(),
                                p.to(),
                                p.bank(),
                                p.amount(),
                                p.channel(),
                                id,
                                actor.name(),
                                Timestamp.from(now))
                        .update();
                transaction(
                        p.to(),
                        p.bank(),
                        p.time(),
                        "C",
                        p.amount(),
                        p.from(),
                        null,
                        "transfer-" + id + "-" + p.time().toEpochMilli() + "-"
                                + p.amount().toPlainString(),
                        "TRANSFER",
                        now);
            }
            event(id, now, "REQUESTED", actor.name(), group.size() + " 笔转账，共 " + total.toPlainString() + " 元");
            event(
                    id,
                    now,
                    "SENT",
                    actor.name(),
                    "发往" + banks.get(group.get(0).bank()).name());
            audit.record(
                    "CREATE",
                    "fund-request",
                    Long.toString(id),
                    "stop-payment " + group.get(0).bank() + " "
                            + Masking.cardNumber(group.get(0).to()) + " " + total.toPlainString());
            created.add(announce(view(id)));
        }
        return new Created(created);
    }

    /**
     * A stop-payment on an account a trace found still holding the case's money (one click on the
     * trace): sent to its bank at once, at the trace's level; no victim's transfer is recorded for it.
     */
    @Transactional
    View stopTraced(
            @Nullable Long caseId,
            @Nullable Long warningId,
            @Nullable String accountRaw,
            @Nullable String bankRaw,
            @Nullable String amountRaw,
            int level,
            Actor actor) {
        requirePolice(actor);
        Origin origin = origin(caseId, warningId, actor);
        List<FieldError> errors = new ArrayList<>();
        String account = account(accountRaw, "account", errors, true);
        String bank = banks.find(bankRaw).map(Banks.Bank::code).orElse(null);
        if (bank == null) {
            errors.add(new FieldError(
                    "bank",
                    "error.notKnownBankPaymentInstitution",
                    bankRaw == null || bankRaw.length() > 40 ? null : bankRaw));
        }
        BigDecimal amount = amount(amountRaw, "amount", errors, true);
        if (level < 0 || level > FundTraces.MAX_HOPS) {
            errors.add(FieldError.of("level", "error.range", level, 0, FundTraces.MAX_HOPS));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        Instant now = clock.instant();
        long id = insertRequest(
                Kind.STOP_PAYMENT, State.SENT, account, bank, amount, origin, null, level, actor.name(), now);
        event(id, now, "REQUESTED", actor.name(), "资金流向第 " + level + " 级，" + amount.toPlainString() + " 元");
        event(id, now, "SENT", actor.name(), "发往" + banks.get(bank).name());
        audit.record(
                "CREATE",
                "fund-request",
                Long.toString(id),
                "stop-payment from trace " + bank + " " + Masking.cardNumber(account) + " " + amount.toPlainString());
        return announce(view(id));
    }

    /** A request just sent: the bank's webhooks get it (in this transaction, delivered after it commits). */
    View announce(View v) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("event", "FUND_REQUEST");
        payload.put("requestId", v.id());
        payload.put("kind", v.kind());
        payload.put("account", v.account());
        payload.put("bank", v.bank());
        payload.put("amount", v.amount().toPlainString());
        payload.put("hop", v.hop());
        payload.put("sentAt", String.valueOf(v.sentAt()));
        payload.put("answerDue", String.valueOf(v.answerDue()));
        if (v.documentNumber() != null) {
            payload.put("documentNumber", v.documentNumber());
        }
        payload.put("href", "/api/v1/funds/requests/" + v.id());
        webhooks.queueForBank(v.bank(), v.id(), payload);
        return v;
    }

    long insertRequest(
            Kind kind,
            State state,
            String account,
            String bank,
            BigDecimal amount,
            Origin origin,
            @Nullable Long parent,
            int hop,
            String createdBy,
            Instant now) {
        var keys = new GeneratedKeyHolder();
        boolean sent = state == State.SENT;
        jdbc.sql("""
                        INSERT INTO fund_request (kind, state, account, bank_code, amount, case_id, warning_id, unit_code, parent_id, hop,
                            proposed_at, requested_at, sent_at, answer_due, renewals, created_by)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)""")
                .params(
                        kind.name(),
                        state.name(),
                        account,
                        bank,
                        amount,
                        origin.caseId(),
                        origin.warningId(),
                        origin.unitCode(),
                        parent,
                        hop,
                        state == State.PROPOSED ? Timestamp.from(now) : null,
                        sent ? Timestamp.from(now) : null,
                        sent ? Timestamp.from(now) : null,
                        sent ? Timestamp.from(now.plus(properties.answerWithin())) : null,
                        createdBy)
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    /** A transaction for tracing, once per account and transaction id. */
    void transaction(
            String account,
            @Nullable String bank,
            Instant at,
            String direction,
            BigDecimal amount,
            @Nullable String counterpart,
            @Nullable String counterpartBank,
            String txnId,
            String source,
            Instant now) {
        // a transfer the statement already holds is not recorded again from an answer
        String sameTransfer = "SELECT COUNT(*) FROM fund_transaction WHERE account = ? AND direction = ? AND at = ?"
                + " AND amount = ? AND source = 'STATEMENT'";
        boolean inStatement = (counterpart == null
                                ? jdbc.sql(sameTransfer).params(account, direction, Timestamp.from(at), amount)
                                : jdbc.sql(sameTransfer
                                                + " AND (counterpart_account = ? OR counterpart_account IS NULL)")
                                        .params(account, direction, Timestamp.from(at), amount, counterpart))
                        .query(Long.class)
                        .single()
                > 0;
        if (inStatement) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO fund_transaction (account, bank_code, at, direction, amount, balance, counterpart_account, counterpart_name,
                            counterpart_bank, channel, txn_id, source, imported_at)
                        VALUES (?, ?, ?, ?, ?, NULL, ?, NULL, ?, NULL, ?, ?, ?) ON CONFLICT DO NOTHING""")
                .params(
                        account,
                        bank,
                        Timestamp.from(at),
                        direction,
                        amount,
                        counterpart,
                        counterpartBank,
                        txnId,
                        source,
                        Timestamp.from(now))
                .update();
    }

    void event(long id, Instant at, String kind, String actor, @Nullable String note) {
        events.record(id, at, kind, actor, note);
    }

    static void requirePolice(Actor actor) {
        if (!actor.isStaff() || !actor.can(Permission.FUNDS_REQUEST)) {
            throw new Forbidden("problem.forbidden.fundsPolice");
        }
    }

    /** A request as the actor may see it: police within their jurisdiction, a bank its own. */
    @Transactional
    View get(long id, Actor actor) {
        Row row = row(id).orElseThrow(() -> new RequestNotFound(id));
        if (!mayRead(row, actor)) {
            throw new RequestNotFound(id);
        }
        View v = view(id);
        if (!actor.isStaff()) {
            return v; // the bank sees its own request as sent
        }
        audit.record("VIEW", "fund-request", Long.toString(id), "full view");
        return v;
    }

    private boolean mayRead(Row row, Actor actor) {
        if (actor.isStaff()) {
            return actor.can(Permission.FUNDS_REQUEST) && actor.covers(row.unitCode());
        }
        return actor.can(Permission.FUNDS_RESPOND)
                && partnerBanks.bankOf(actor).map(b -> b.equals(row.bank())).orElse(false)
                && !row.state().equals(State.PROPOSED.name());
    }

    record Row(
            long id,
            String kind,
            String state,
            String bank,
            String unitCode,
            BigDecimal amount,
            String account,
            @Nullable Long caseId,
            @Nullable Long warningId,
            int hop) {}

    Optional<Row> row(long id) {
        return jdbc.sql(
                        "SELECT id, kind, state, bank_code, unit_code, amount, account, case_id, warning_id, hop FROM fund_request WHERE id = ?")
                .param(id)
                .query((rs, n) -> new Row(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getBigDecimal(6),
                        rs.getString(7),
                        (Long) rs.getObject(8, Long.class),
                        (Long) rs.getObject(9, Long.class),
                        rs.getInt(10)))
                .optional();
    }

    /** The queue: police see their jurisdiction's requests, a bank its own (never proposals). */
    @Transactional(readOnly = true)
    List<View> list(@Nullable String status, @Nullable String kind, Actor actor, int limit) {
        return list(status, kind, null, null, actor, limit);
    }

    /** The requests the actor may see, optionally of one case or one account (any spelling of it). */
    @Transactional(readOnly = true)
    List<View> list(
            @Nullable String status,
            @Nullable String kind,
            @Nullable Long caseId,
            @Nullable String accountRaw,
            Actor actor,
            int limit) {
        List<FieldError> errors = new ArrayList<>();
        String account =
                accountRaw == null || accountRaw.isBlank() ? null : account(accountRaw, "account", errors, false);
        if (status != null) {
            try {
                State.valueOf(status);
            } catch (IllegalArgumentException e) {
                errors.add(FieldError.of(
                        "status", "error.oneOf", status.length() > 20 ? null : status, EnumSet.allOf(State.class)));
            }
        }
        if (kind != null) {
            try {
                Kind.valueOf(kind);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("kind", "error.stopPAYMENTFREEZE", kind.length() > 20 ? null : kind));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        StringBuilder sql = new StringBuilder("SELECT id FROM fund_request WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (actor.isStaff()) {
            if (!actor.can(Permission.FUNDS_REQUEST)) {
                throw new Forbidden("problem.forbidden.fundsPolice");
            }
            sql.append(" AND unit_code LIKE ?");
            args.add(actor.unitCode() + "%");
        } else {
            String bank = partnerBanks
                    .bankOf(actor)
                    .filter(b -> actor.can(Permission.FUNDS_RESPOND))
                    .orElseThrow(() -> new Forbidden("problem.forbidden.bankToken"));
            sql.append(" AND bank_code = ? AND state <> 'PROPOSED'");
            args.add(bank);
        }
        if (status != null) {
            sql.append(" AND state = ?");
            args.add(status);
        }
        if (kind != null) {
            sql.append(" AND kind = ?");
            args.add(kind);
        }
        if (caseId != null) {
            sql.append(" AND case_id = ?");
            args.add(caseId);
        }
        if (account != null) {
            sql.append(" AND account = ?");
            args.add(account);
        }
        // a bank works its queue oldest first; police see the newest first
        sql.append(actor.isStaff() ? " ORDER BY id DESC" : " ORDER BY id")
                .append(" LIMIT ")
                .append(Math.max(1, Math.min(limit, 1000)));
        return jdbc.sql(sql.toString()).params(args).query(Long.class).list().stream()
                .map(this::view)
                .toList();
    }

    /** Sends a proposal (an onward account) to its bank: one click. */
    @Transactional
    View send(long id, Actor actor) {
        requirePolice(actor);
        Row row = row(id).filter(r -> actor.covers(r.unitCode())).orElseThrow(() -> new RequestNotFound(id));
        Instant now = clock.instant();
        int n = jdbc.sql(
                        "UPDATE fund_request SET state = 'SENT', requested_at = ?, sent_at = ?, answer_due = ? WHERE id = ? AND state = 'PROPOSED'")
                .params(
                        Timestamp.from(now),
                        Timestamp.from(now),
                        Timestamp.from(now.plus(properties.answerWithin())),
                        id)
                .update();
        if (n == 0) {
            throw new WrongState(
                    "problem.fund.onlyProposedSent", id, org.fanzha.platform.Texts.key("funds.state." + row.state()));
        }
        event(id, now, "SENT", actor.name(), "发往" + banks.get(row.bank()).name());
        audit.record("UPDATE", "fund-request", Long.toString(id), "sent");
        return announce(view(id));
    }

    /** The requests that followed this one: onward proposals and freezes. */
    @Transactional(readOnly = true)
    List<View> children(long id, Actor actor) {
        return jdbc
                .sql("SELECT id FROM fund_request WHERE parent_id = ? AND unit_code LIKE ? ORDER BY id")
                .params(id, actor.unitCode() + "%")
                .query(Long.class)
                .list()
                .stream()
                .map(this::view)
                .toList();
    }

    /** Per bank: how many answered, how many open, and the time from request to answer. */
    @Transactional(readOnly = true)
    List<BankTiming> timings(Actor actor) {
        requirePolice(actor);
        Map<String, List<Long>> seconds = new LinkedHashMap<>();
        Map<String, Long> open = new LinkedHashMap<>();
        jdbc.sql(
                        "SELECT bank_code, requested_at, answered_at, state FROM fund_request WHERE requested_at IS NOT NULL AND unit_code LIKE ?")
                .param(actor.unitCode() + "%")
                .query((ResultSet rs) -> {
                    String b = rs.getString(1);
                    Timestamp answered = rs.getTimestamp(3);
                    if (answered != null) {
                        seconds.computeIfAbsent(b, k -> new ArrayList<>())
                                .add(Duration.between(rs.getTimestamp(2).toInstant(), answered.toInstant())
                                        .toSeconds());
                    } else if (rs.getString(4).equals("SENT")) {
                        open.merge(b, 1L, Long::sum);
                    }
                });
        java.util.TreeSet<String> all = new java.util.TreeSet<>(seconds.keySet());
        all.addAll(open.keySet());
        List<BankTiming> out = new ArrayList<>();
        for (String b : all) {
            List<Long> s = new ArrayList<>(seconds.getOrDefault(b, List.of()));
            java.util.Collections.sort(s);
            out.add(new BankTiming(
                    b,
                    banks.get(b).name(),
                    s.size(),
                    open.getOrDefault(b, 0L),
                    s.isEmpty() ? null : s.get((s.size() - 1) / 2),
                    s.isEmpty() ? null : s.get(s.size() - 1)));
        }
        return out;
    }

    View view(long id) {
        // the money that reached this account: the victim's transfers (none reported) or the onward
        // transfer a bank reported, whose time is when the money arrived
        List<Transfer> incoming = transfers("request_id = ?", id);
        List<Transfer> transfers =
                incoming.stream().filter(t -> t.reportedBy() == null).toList();
        Instant arrivedAt =
                incoming.stream().map(Transfer::time).min(Instant::compareTo).orElse(null);
        List<Transfer> onward = transfers("reported_by = ?", id);
        List<Event> events = jdbc.sql(
                        "SELECT at, kind, actor, note FROM fund_request_event WHERE request_id = ? ORDER BY at, id")
                .param(id)
                .query((rs, n) ->
                        new Event(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list();
        return jdbc.sql("SELECT * FROM fund_request WHERE id = ?")
                .param(id)
                .query((rs, n) -> {
                    Instant requested = instant(rs, "requested_at");
                    Instant answered = instant(rs, "answered_at");
                    String state = rs.getString("state");
                    boolean stop = rs.getString("kind").equals("STOP_PAYMENT");
                    String bank = rs.getString("bank_code");
                    return new View(
                            rs.getLong("id"),
                            rs.getString("kind"),
                            state,
                            rs.getString("account"),
                            bank,
                            banks.get(bank).name(),
                            rs.getBigDecimal("amount"),
                            (Long) rs.getObject("case_id", Long.class),
                            (Long) rs.getObject("warning_id", Long.class),
                            rs.getString("unit_code"),
                            (Long) rs.getObject("parent_id", Long.class),
                            rs.getInt("hop"),
                            instant(rs, "proposed_at"),
                            requested,
                            instant(rs, "sent_at"),
                            instant(rs, "answer_due"),
                            answered,
                            requested != null && answered != null
                                    ? Duration.between(requested, answered).toSeconds()
                                    : null,
                            rs.getBigDecimal("held_amount"),
                            rs.getBigDecimal("balance"),
                            rs.getString("answer_note"),
                            stop && answered != null && (state.equals("STOPPED") || state.equals("PARTIAL"))
                                    ? answered.plus(properties.stopHolds())
                                    : null,
                            rs.getString("document_number"),
                            rs.getString("approving_officer"),
                            localDate(rs, "freeze_from"),
                            localDate(rs, "freeze_until"),
                            rs.getInt("renewals"),
                            instant(rs, "released_at"),
                            rs.getBigDecimal("deducted_amount"),
                            transfers,
                            onward,
                            events,
                            arrivedAt);
                })
                .single();
    }

    private List<Transfer> transfers(String where, long id) {
        return jdbc.sql("SELECT * FROM fund_transfer WHERE " + where + " ORDER BY transferred_at, id")
                .param(id)
                .query((rs, n) -> new Transfer(
                        rs.getLong("id"),
                        rs.getTimestamp("transferred_at").toInstant(),
                        rs.getString("from_account"),
                        rs.getString("to_account"),
                        rs.getString("bank_code"),
                        banks.get(rs.getString("bank_code")).name(),
                        rs.getBigDecimal("amount"),
                        rs.getString("channel"),
                        (Long) rs.getObject("reported_by", Long.class)))
                .list();
    }

    static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    static @Nullable LocalDate localDate(ResultSet rs, String column) throws SQLException {
        Date d = rs.getDate(column);
        return d == null ? null : d.toLocalDate();
    }
}

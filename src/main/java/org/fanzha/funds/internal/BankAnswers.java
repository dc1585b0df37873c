package org.fanzha.funds.internal;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.fanzha.audit.AuditLog;
import org.fanzha.funds.FundsProperties;
import org.fanzha.platform.Actor;
import org.fanzha.platform.FieldError;
import org.fanzha.platform.Forbidden;
import org.fanzha.platform.InvalidInput;
import org.fanzha.platform.Notifier;
import org.fanzha.platform.Permission;
import org.fanzha.platform.ProblemException;
import org.fanzha.staff.PartnerBanks;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The banks' answers to stop-payment and freeze requests: only the bank that holds the account
 * answers, once, while the request is SENT; the amount held (not more than asked, for a stop), the
 * balance, and the onward transfers the bank saw, each of which becomes a PROPOSED request on the
 * next account and a transaction for tracing.
 */
@Service
class BankAnswers {

    private final JdbcClient jdbc;
    private final Banks banks;
    private final PartnerBanks partnerBanks;
    private final AuditLog audit;
    private final Notifier notifier;
    private final FundsProperties properties;
    private final Clock clock;
    private final FundRequests requests;

    private final org.fanzha.risk.RiskList risk;

    BankAnswers(
            JdbcClient jdbc,
            Banks banks,
            PartnerBanks partnerBanks,
            AuditLog audit,
            Notifier notifier,
            FundsProperties properties,
            Clock clock,
            FundRequests requests,
            org.fanzha.risk.RiskList risk) {
        this.risk = risk;
        this.jdbc = jdbc;
        this.banks = banks;
        this.partnerBanks = partnerBanks;
        this.audit = audit;
        this.notifier = notifier;
        this.properties = properties;
        this.clock = clock;
        this.requests = requests;
    }

    /** A bank's answer: held (STOPPED / FROZEN), partly (PARTIAL) or not (FAILED), with the onward transfers it saw. */
    @Transactional
    FundRequests.View respond(long id, FundRequests.Response response, Actor actor) {
        String bank = partnerBanks
                .bankOf(actor)
                .filter(b -> actor.can(Permission.FUNDS_RESPOND))
                .orElseThrow(() -> new Forbidden("problem.forbidden.bankToken"));
        return answer(id, bank, response, actor.name());
    }

    /** The answer of the bank that holds the account (the API, or the demo profile's simulated banks). */
    @Transactional
    FundRequests.View answer(long id, String bank, FundRequests.Response response, String answeredBy) {
        FundRequests.Row row = jdbc.sql(
                        "SELECT id, kind, state, bank_code, unit_code, amount, account, case_id, warning_id, hop FROM fund_request WHERE id = ? FOR UPDATE")
                .param(id)
                .query((rs, n) -> new FundRequests.Row(
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
                .optional()
                .filter(r -> r.bank().equals(bank) && !r.state().equals(FundRequests.State.PROPOSED.name()))
                .orElseThrow(() -> new ProblemException(
                        HttpStatus.NOT_FOUND,
                        "not-your-account",
                        "Not held by this bank",
                        "request " + id + " is not for an account your bank holds") {});
        boolean freeze = row.kind().equals(FundRequests.Kind.FREEZE.name());
        Set<String> allowed = freeze ? Set.of("FROZEN", "PARTIAL", "FAILED") : Set.of("STOPPED", "PARTIAL", "FAILED");
        List<FieldError> errors = new ArrayList<>();
        String result = response.result();
        if (result == null || !allowed.contains(result)) {
            errors.add(FieldError.of(
                    "result", "error.oneOf", result == null || result.length() > 20 ? null : result, allowed));
        }
        BigDecimal held = null;
        if (response.heldAmount() != null
                && !response.heldAmount().isBlank()
                && "0".equals(response.heldAmount().strip())) {
            held = BigDecimal.ZERO.setScale(2);
        } else {
            held = FundRequests.amount(
                    response.heldAmount(), "heldAmount", errors, result != null && !result.equals("FAILED"));
        }
        BigDecimal balance = null;
        if (response.balance() != null && !response.balance().isBlank()) {
            balance = "0".equals(response.balance().strip())
                    ? BigDecimal.ZERO.setScale(2)
                    : FundRequests.amount(response.balance(), "balance", errors, false);
        }
        if (held != null && held.compareTo(row.amount()) > 0 && !freeze) {
            // a stop holds what is there up to the amount asked; more is an error in the answer
            errors.add(FieldError.of("heldAmount", "error.moreThanAsked", held.toPlainString(), row.amount()));
        }
        if (response.note() != null && response.note().length() > 1000) {
            errors.add(new FieldError("note", "error.atMost1000Characters", null));
        }
        Instant now = clock.instant();
        List<FundRequests.@Nullable OnwardInput> onward = response.onward() == null ? List.of() : response.onward();
        if (onward.size() > properties.maxTransfers()) {
            errors.add(FieldError.of("onward", "error.atMost", onward.size(), properties.maxTransfers()));
        }
        record Next(String account, String bank, BigDecimal amount, Instant time) {}
        List<Next> next = new ArrayList<>();
        for (int i = 0; i < onward.size() && i < properties.maxTransfers(); i++) {
            FundRequests.OnwardInput o = onward.get(i);
            String p = "onward[" + i + "].";
            if (o == null) {
                errors.add(new FieldError("onward[" + i + "]", "error.transfer", null));
                continue;
            }
            int before = errors.size();
            String to = FundRequests.account(o.toAccount(), p + "toAccount", errors, true);
            Optional<Banks.Bank> b = banks.find(o.toBank());
            if (b.isEmpty()) {
                errors.add(new FieldError(
                        p + "toBank",
                        "error.notKnownBankPaymentInstitution",
                        o.toBank() == null || o.toBank().length() > 40 ? null : o.toBank()));
            }
            BigDecimal amount = FundRequests.amount(o.amount(), p + "amount", errors, true);
            Instant time = FundRequests.time(o.time(), p + "time", errors, now);
            if (errors.size() == before) {
                next.add(new Next(to, b.orElseThrow().code(), amount, time));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        if (!row.state().equals(FundRequests.State.SENT.name())) {
            throw new FundRequests.WrongState(
                    "problem.fund.onlySentAnswered", id, org.fanzha.platform.Texts.key("funds.state." + row.state()));
        }
        LocalDate today = LocalDate.ofInstant(now, org.fanzha.platform.FactSource.CHINA);
        Integer months = jdbc.sql("SELECT freeze_months FROM fund_request WHERE id = ?")
                .param(id)
                .query(Integer.class)
                .optional()
                .orElse(null);
        boolean inForce = freeze && !"FAILED".equals(result);
        jdbc.sql("""
                        UPDATE fund_request SET state = ?, answered_at = ?, answered_by = ?, held_amount = ?, balance = ?, answer_note = ?,
                            freeze_from = ?, freeze_until = ?
                        WHERE id = ?""")
                .params(
                        result,
                        Timestamp.from(now),
                        answeredBy,
                        held,
                        balance,
                        response.note(),
                        inForce ? Date.valueOf(today) : null,
                        inForce
                                ? Date.valueOf(today.plusMonths(months == null ? properties.freezeMonths() : months))
                                : null,
                        id)
                .update();
        requests.event(
                id,
                now,
                result,
                answeredBy,
                (held == null ? "" : "止付/冻结 " + held.toPlainString() + " 元")
                        + (next.isEmpty() ? "" : "，转出 " + next.size() + " 笔"));
        FundRequests.Origin origin = new FundRequests.Origin(row.caseId(), row.warningId(), row.unitCode());
        for (Next n : next) {
            long proposal = requests.insertRequest(
                    FundRequests.Kind.STOP_PAYMENT,
                    FundRequests.State.PROPOSED,
                    n.account(),
                    n.bank(),
                    n.amount(),
                    origin,
                    id,
                    row.hop() + 1,
                    answeredBy,
                    now);
            requests.event(proposal, now, "PROPOSED", answeredBy, "由请求 " + id + " 的转出资金追踪");
            requests.transaction(
                    row.account(),
                    bank,
                    n.time(),
                    "D",
                    n.amount(),
                    n.account(),
                    n.bank(),
                    "answer-" + id + "-" + proposal,
                    "BANK_ANSWER",
                    now);
            requests.transaction(
                    n.account(),
                    n.bank(),
                    n.time(),
                    "C",
                    n.amount(),
                    row.account(),
                    bank,
                    "answer-" + id + "-" + proposal,
                    "BANK_ANSWER",
                    now);
            jdbc.sql("""
                            INSERT INTO fund_transfer (case_id, warning_id, unit_code, transferred_at, from_account, to_account, bank_code,
                                amount, channel, reported_by, request_id, created_by, created_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'BANK_TRANSFER', ?, ?, ?, ?)""")
                    .params(
                            row.caseId(),
                            row.warningId(),
                            row.unitCode(),
                            Timestamp.from(n.time()),
                            row.account(),
                            n.account(),
                            n.bank(),
                            n.amount(),
                            id,
                            proposal,
                            answeredBy,
                            Timestamp.from(now))
                    .update();
        }
        if (!next.isEmpty()) {
            notifier.notify(new Notifier.Notice(
                    row.unitCode(),
                    "ONWARD_TRANSFER",
                    "fund request " + id,
                    banks.get(bank).name() + " 报告资金转出 " + next.size() + " 笔，已生成下一级止付建议",
                    "/funds/requests/" + id));
        }
        sightings(row, result, next.stream().map(Next::account).toList(), answeredBy, now);
        audit.record(
                "UPDATE",
                "fund-request",
                Long.toString(id),
                "answered " + result + (held == null ? "" : " held " + held.toPlainString()));
        return requests.view(id);
    }

    /**
     * What the answer tells the risk list: an account a bank held money on received fraud money
     * (BANK_ANSWER); the accounts it passed money on to are traced (TRACED_ACCOUNT).
     */
    private void sightings(FundRequests.Row row, String result, List<String> onward, String bank, Instant now) {
        List<org.fanzha.risk.Sighting> seen = new ArrayList<>();
        String ref = Long.toString(row.id());
        if (!"FAILED".equals(result)) {
            account(seen, row.account(), org.fanzha.risk.SightingKind.BANK_ANSWER, ref, bank, row.unitCode(), now);
        }
        for (String account : onward) {
            account(seen, account, org.fanzha.risk.SightingKind.TRACED_ACCOUNT, ref, bank, row.unitCode(), now);
        }
        if (!seen.isEmpty()) {
            risk.record(seen);
        }
    }

    private static void account(
            List<org.fanzha.risk.Sighting> seen,
            String account,
            org.fanzha.risk.SightingKind kind,
            String ref,
            String bank,
            String unit,
            Instant now) {
        var id = org.fanzha.cases.Identifiers.ofCounterpart("ACCOUNT", account);
        if (id != null) {
            org.fanzha.risk.RiskType.of(id.type())
                    .ifPresent(type -> seen.add(new org.fanzha.risk.Sighting(
                            type, id.value(), kind, now, "FUND_REQUEST", ref, bank, unit, null, false)));
        }
    }
}

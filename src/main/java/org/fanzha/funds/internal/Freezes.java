package org.fanzha.funds.internal;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.fanzha.audit.AuditLog;
import org.fanzha.funds.FundsProperties;
import org.fanzha.platform.Actor;
import org.fanzha.platform.FieldError;
import org.fanzha.platform.InvalidInput;
import org.fanzha.platform.Masking;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Freezes (冻结): each with its legal document (the freeze notice's number, the approving officer)
 * for a number of months; renewed with a new document before it lapses; released (解冻) or deducted
 * (扣划), once. The freezes about to lapse are listed for their units.
 */
@Service
class Freezes {

    private final JdbcClient jdbc;
    private final Banks banks;
    private final AuditLog audit;
    private final FundsProperties properties;
    private final Clock clock;
    private final FundRequests requests;

    Freezes(
            JdbcClient jdbc,
            Banks banks,
            AuditLog audit,
            FundsProperties properties,
            Clock clock,
            FundRequests requests) {
        this.jdbc = jdbc;
        this.banks = banks;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
        this.requests = requests;
    }

    /** A freeze with its legal document, for an account that was stopped (or any account of the case). */
    @Transactional
    FundRequests.View freeze(FundRequests.FreezeRequest request, Actor actor) {
        FundRequests.requirePolice(actor);
        List<FieldError> errors = new ArrayList<>();
        FundRequests.Origin origin;
        String account;
        String bank;
        Long parent = null;
        int hop = 0;
        if (request.requestId() != null) {
            FundRequests.Row stopped = requests.row(request.requestId())
                    .filter(r -> actor.covers(r.unitCode()))
                    .orElseThrow(() -> new InvalidInput(List.of(new FieldError(
                            "requestId", "error.noSuchRequestInYourJurisdiction", request.requestId()))));
            origin = new FundRequests.Origin(stopped.caseId(), stopped.warningId(), stopped.unitCode());
            account = stopped.account();
            bank = stopped.bank();
            parent = stopped.id();
            hop = stopped.hop();
        } else {
            origin = requests.origin(request.caseId(), request.warningId(), actor);
            account = FundRequests.account(request.account(), "account", errors, true);
            bank = banks.find(request.bank()).map(Banks.Bank::code).orElse(null);
            if (bank == null) {
                errors.add(new FieldError(
                        "bank",
                        "error.notKnownBankPaymentInstitution",
                        request.bank() == null || request.bank().length() > 40 ? null : request.bank()));
            }
        }
        BigDecimal amount = FundRequests.amount(request.amount(), "amount", errors, true);
        if (request.documentNumber() == null
                || request.documentNumber().isBlank()
                || request.documentNumber().length() > 60) {
            errors.add(new FieldError("documentNumber", "error.freezeNoticeNumberUp60Characters", null));
        }
        if (request.approvingOfficer() == null
                || request.approvingOfficer().isBlank()
                || request.approvingOfficer().length() > 60) {
            errors.add(new FieldError("approvingOfficer", "error.whoApprovedItUp60Characters", null));
        }
        int months = request.months() == null ? properties.freezeMonths() : request.months();
        if (months < 1 || months > 12) {
            errors.add(new FieldError("months", "error.112RenewForLonger", request.months()));
        }
        if (errors.isEmpty() && parent != null && !Boolean.TRUE.equals(request.aboveBalanceConfirmed())) {
            // more than the bank said the account holds: a typo, or money the officer knows more of; confirm
            var known = jdbc.sql("SELECT held_amount, balance FROM fund_request WHERE id = ?")
                    .param(parent)
                    .query((rs, n) -> new BigDecimal[] {rs.getBigDecimal(1), rs.getBigDecimal(2)})
                    .single();
            BigDecimal ceiling = known[1] != null ? known[1] : known[0];
            if (ceiling != null && amount != null && amount.compareTo(ceiling) > 0) {
                errors.add(
                        known[0] == null
                                ? FieldError.of("amount", "error.aboveBalance", amount.toPlainString(), ceiling)
                                : FieldError.of(
                                        "amount", "error.aboveBalanceHeld", amount.toPlainString(), ceiling, known[0]));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        Instant now = clock.instant();
        long id = requests.insertRequest(
                FundRequests.Kind.FREEZE,
                FundRequests.State.SENT,
                account,
                bank,
                amount,
                origin,
                parent,
                hop,
                actor.name(),
                now);
        jdbc.sql("UPDATE fund_request SET document_number = ?, approving_officer = ?, freeze_months = ? WHERE id = ?")
                .params(
                        request.documentNumber().strip(),
                        request.approvingOfficer().strip(),
                        months,
                        id)
                .update();
        requests.event(
                id,
                now,
                "SENT",
                actor.name(),
                "冻结 " + amount.toPlainString() + " 元，" + months + " 个月，文书 "
                        + request.documentNumber().strip());
        audit.record(
                "CREATE",
                "fund-request",
                Long.toString(id),
                "freeze " + bank + " " + Masking.cardNumber(account) + " " + amount.toPlainString() + " doc "
                        + request.documentNumber().strip());
        return requests.announce(requests.view(id));
    }

    /** Renews a freeze for further months, with the renewal's document. */
    @Transactional
    FundRequests.View renew(long id, @Nullable String documentNumber, @Nullable Integer months, Actor actor) {
        FundRequests.requirePolice(actor);
        FundRequests.Row row = requests.row(id)
                .filter(r -> actor.covers(r.unitCode()))
                .orElseThrow(() -> new FundRequests.RequestNotFound(id));
        List<FieldError> errors = new ArrayList<>();
        if (documentNumber == null || documentNumber.isBlank() || documentNumber.length() > 60) {
            errors.add(new FieldError("documentNumber", "error.renewalDocumentNumberUp60Characters", null));
        }
        int m = months == null ? properties.freezeMonths() : months;
        if (m < 1 || m > 12) {
            errors.add(new FieldError("months", "error.112", months));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        if (!row.kind().equals(FundRequests.Kind.FREEZE.name())
                || !(row.state().equals("FROZEN") || row.state().equals("PARTIAL"))) {
            throw new FundRequests.WrongState(
                    "problem.fund.onlyInForceRenewed",
                    id,
                    org.fanzha.platform.Texts.key("funds.kind." + row.kind()),
                    org.fanzha.platform.Texts.key("funds.state." + row.state()));
        }
        Instant now = clock.instant();
        LocalDate until = jdbc.sql("SELECT freeze_until FROM fund_request WHERE id = ?")
                .param(id)
                .query(LocalDate.class)
                .single();
        LocalDate today = LocalDate.ofInstant(now, org.fanzha.platform.FactSource.CHINA);
        LocalDate newUntil = (until == null || until.isBefore(today) ? today : until).plusMonths(m);
        jdbc.sql("UPDATE fund_request SET freeze_until = ?, renewals = renewals + 1, document_number = ? WHERE id = ?")
                .params(Date.valueOf(newUntil), documentNumber.strip(), id)
                .update();
        requests.event(id, now, "RENEWED", actor.name(), "续冻至 " + newUntil + "，文书 " + documentNumber.strip());
        audit.record("UPDATE", "fund-request", Long.toString(id), "freeze renewed until " + newUntil);
        return requests.view(id);
    }

    /** Releases a freeze (解冻), or records a deduction (扣划) of part of it. */
    @Transactional
    FundRequests.View release(long id, @Nullable String deducted, @Nullable String note, Actor actor) {
        FundRequests.requirePolice(actor);
        FundRequests.Row row = requests.row(id)
                .filter(r -> actor.covers(r.unitCode()))
                .orElseThrow(() -> new FundRequests.RequestNotFound(id));
        List<FieldError> errors = new ArrayList<>();
        BigDecimal amount = FundRequests.amount(deducted, "deductedAmount", errors, false);
        if (note == null || note.isBlank() || note.length() > 1000) {
            errors.add(new FieldError("note", "error.whyUp1000Characters", null));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        if (!row.kind().equals(FundRequests.Kind.FREEZE.name())
                || !(row.state().equals("FROZEN") || row.state().equals("PARTIAL"))) {
            throw new FundRequests.WrongState(
                    "problem.fund.onlyInForceReleased",
                    id,
                    org.fanzha.platform.Texts.key("funds.kind." + row.kind()),
                    org.fanzha.platform.Texts.key("funds.state." + row.state()));
        }
        Instant now = clock.instant();
        // a deduction adds to what returns deducted before; a plain release leaves that as it is
        int released = amount == null
                ? jdbc.sql(
                                "UPDATE fund_request SET state = 'RELEASED', released_at = ? WHERE id = ? AND state IN ('FROZEN', 'PARTIAL')")
                        .params(Timestamp.from(now), id)
                        .update()
                : jdbc.sql(
                                "UPDATE fund_request SET state = 'RELEASED', released_at = ?,"
                                        + " deducted_amount = COALESCE(deducted_amount, 0) + ? WHERE id = ? AND state IN ('FROZEN', 'PARTIAL')")
                        .params(Timestamp.from(now), amount, id)
                        .update();
        if (released == 0) {
            throw new FundRequests.WrongState("problem.fund.releasedMeanwhile", id);
        }
        requests.event(
                id,
                now,
                amount == null ? "RELEASED" : "DEDUCTED",
                actor.name(),
                (amount == null ? "" : amount.toPlainString() + " ") + note.strip());
        audit.record(
                "UPDATE",
                "fund-request",
                Long.toString(id),
                amount == null ? "released" : "deducted " + amount.toPlainString());
        return requests.view(id);
    }

    /** Freezes of the jurisdiction that lapse within the days, soonest first. */
    @Transactional(readOnly = true)
    List<FundRequests.View> expiring(int days, Actor actor) {
        FundRequests.requirePolice(actor);
        LocalDate limit = LocalDate.ofInstant(clock.instant(), org.fanzha.platform.FactSource.CHINA)
                .plusDays(Math.max(0, Math.min(days, 366)));
        return jdbc
                .sql(
                        "SELECT id FROM fund_request WHERE kind = 'FREEZE' AND state IN ('FROZEN', 'PARTIAL') AND freeze_until <= ?"
                                + " AND unit_code LIKE ? ORDER BY freeze_until, id LIMIT 500")
                .params(Date.valueOf(limit), actor.unitCode() + "%")
                .query(Long.class)
                .list()
                .stream()
                .map(requests::view)
                .toList();
    }
}

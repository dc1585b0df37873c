package org.fanzha.reports.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.fanzha.audit.AuditLog;
import org.fanzha.cases.CaseDesk;
import org.fanzha.cases.IdentifierType;
import org.fanzha.cases.Identifiers;
import org.fanzha.divisions.DivisionsProperties;
import org.fanzha.funds.StopPayments;
import org.fanzha.platform.Actor;
import org.fanzha.platform.FieldError;
import org.fanzha.platform.Forbidden;
import org.fanzha.platform.FraudType;
import org.fanzha.platform.InvalidInput;
import org.fanzha.platform.Permission;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The report desk's one click: the stop-payments of the reported transfers, as reported, to their
 * banks, and a case accepted with the victim and the identifiers — once; a transfer another report
 * already had stopped is not stopped twice.
 */
@Service
class ReportStops {

    /** What the click did. */
    record Stopped(String receipt, long caseId, List<StopPayments.Sent> requests, int alreadyCovered, boolean again) {}

    private final ReportStore store;
    private final CaseDesk cases;
    private final StopPayments stops;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final String provinceCode;
    private final org.fanzha.reports.ReportsProperties properties;
    private final org.fanzha.platform.Notifier notifier;
    private final org.springframework.context.ApplicationEventPublisher events;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ReportStops.class);

    ReportStops(
            ReportStore store,
            CaseDesk cases,
            StopPayments stops,
            AuditLog audit,
            TransactionTemplate tx,
            Clock clock,
            DivisionsProperties divisions,
            org.fanzha.reports.ReportsProperties properties,
            org.fanzha.platform.Notifier notifier,
            org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.properties = properties;
        this.notifier = notifier;
        this.store = store;
        this.cases = cases;
        this.stops = stops;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
        this.provinceCode = divisions.provinceCode();
    }

    /** The province report desk acting by itself: it sends a provisional stop, an officer confirms it. */
    Actor desk() {
        return new Actor(
                Actor.Kind.STAFF,
                0,
                "system:report-desk",
                "举报自动止付",
                provinceCode,
                java.util.Set.of(),
                java.util.EnumSet.of(Permission.FUNDS_REQUEST, Permission.CASES_WRITE, Permission.CASES_READ),
                java.util.EnumSet.allOf(org.fanzha.platform.Source.class));
    }

    /**
     * A receiving account already VERY_HIGH on the risk list: the stop goes out at once, marked
     * provisional, for an officer to confirm within {@code fanzha.reports.confirm-within}.
     */
    void provisional(String receipt) {
        Stopped s = stop(receipt, desk());
        if (!s.again()) {
            store.find(receipt)
                    .ifPresent(r -> store.provisional(r.id(), clock.instant().plus(properties.confirmWithin())));
            log.info(
                    "Report {}: provisional stop-payments sent ({}), to be confirmed",
                    receipt,
                    s.requests().size());
        }
    }

    /** An officer confirms a provisional stop. */
    ReportStore.Row confirm(String receipt, Actor actor) {
        if (!actor.isStaff() || !actor.can(Permission.FUNDS_REQUEST)) {
            throw new Forbidden("problem.forbidden.fundsPolice");
        }
        ReportStore.Row row = store.inJurisdiction(receipt, actor, false);
        if (!store.confirm(row.id(), actor.name(), clock.instant())) {
            throw new NothingToConfirm(row.receipt());
        }
        audit.record("CONFIRM", "public_report", row.receipt(), "provisional stop-payments confirmed");
        return store.find(row.receipt()).orElseThrow();
    }

    static class NothingToConfirm extends org.fanzha.platform.ProblemException {
        NothingToConfirm(String receipt) {
            super(
                    org.springframework.http.HttpStatus.CONFLICT,
                    "wrong-state",
                    "problem.wrongState.title",
                    "problem.reportNothingToConfirm",
                    args(receipt),
                    Map.of());
        }
    }

    /** Provisional stops nobody confirmed in time: the province desk is told, once. */
    @org.springframework.scheduling.annotation.Scheduled(
            fixedDelayString = "${fanzha.reports.confirm-check:60s}",
            initialDelayString = "${fanzha.reports.confirm-check:60s}")
    void tellOverdue() {
        List<ReportStore.Row> overdue = tx.execute(status -> store.overdue(clock.instant()));
        for (ReportStore.Row r : overdue) {
            notifier.notify(new org.fanzha.platform.Notifier.Notice(
                    provinceCode,
                    "REPORT_STOP_UNCONFIRMED",
                    "report " + r.receipt(),
                    "举报 " + r.receipt() + " 的自动止付未在时限内确认，请核实",
                    "/reports/" + r.receipt()));
        }
    }

    Stopped stop(String receipt, Actor actor) {
        if (!actor.isStaff() || !actor.can(Permission.FUNDS_REQUEST)) {
            throw new Forbidden("problem.forbidden.fundsPolice");
        }
        return tx.execute(status -> {
            ReportStore.Row row = store.inJurisdiction(receipt, actor, true);
            List<ReportStore.TransferRow> transfers = store.transferRows(row.id());
            if (row.stopSentAt() != null && row.caseId() != null) {
                return new Stopped(row.receipt(), row.caseId(), List.of(), 0, true);
            }
            if (transfers.isEmpty()) {
                throw new InvalidInput(List.of(FieldError.of("transfers", "error.reportNoTransfers", null)));
            }
            // the same transfer reported before and already stopped: covered by that request
            List<ReportStore.TransferRow> pending = new ArrayList<>();
            int covered = 0;
            for (ReportStore.TransferRow t : transfers) {
                Optional<Long> by =
                        t.fundRequestId() != null ? Optional.of(t.fundRequestId()) : store.coveredBy(t.fingerprint());
                if (by.isPresent()) {
                    store.covered(t.id(), by.get());
                    covered++;
                } else {
                    pending.add(t);
                }
            }
            long caseId = row.caseId() != null
                    ? row.caseId()
                    : accept(row, transfers, actor).id();
            List<StopPayments.Sent> sent = pending.isEmpty()
                    ? List.of()
                    : stops.request(
                            caseId,
                            null, // funds takes the case or the warning: the case, which names the warning's person
                            pending.stream()
                                    .map(t -> new StopPayments.Transfer(
                                            t.transfer().at(),
                                            t.transfer().fromAccount(),
                                            t.transfer().toAccount(),
                                            t.transfer().toBank(),
                                            t.transfer().amount(),
                                            t.transfer().channel()))
                                    .toList(),
                            actor);
            // one request per receiving account
            Map<String, Long> byAccount = new java.util.HashMap<>();
            sent.forEach(s -> byAccount.put(s.account(), s.requestId()));
            for (ReportStore.TransferRow t : pending) {
                Long id = byAccount.get(t.transfer().toAccount());
                if (id != null) {
                    store.covered(t.id(), id);
                }
            }
            Instant now = clock.instant();
            store.stopped(row.id(), caseId, actor.name(), now);
            events.publishEvent(new org.fanzha.reports.ReportProgress(row.receipt(), "STOP_SENT"));
            audit.record(
                    "STOP",
                    "public_report",
                    row.receipt(),
                    sent.size() + " stop-payments for case " + caseId + ", " + covered + " transfers already stopped");
            return new Stopped(row.receipt(), caseId, sent, covered, false);
        });
    }

    /** The case accepted from the report: the victim (when the reporter is one), what the fraudster used, the accounts paid to. */
    private CaseDesk.CaseRef accept(ReportStore.Row row, List<ReportStore.TransferRow> transfers, Actor actor) {
        Set<Identifiers.Identifier> ids = new LinkedHashSet<>();
        for (ReportValidator.Ident i : store.identifiers(row.id())) {
            try {
                ids.add(Identifiers.normalise(i.type().identifier(), i.value()));
            } catch (Identifiers.InvalidIdentifier e) {
                // stored normalised: cannot happen
            }
        }
        for (ReportStore.TransferRow t : transfers) {
            Identifiers.Identifier id = receiving(t.transfer());
            if (id != null) {
                ids.add(id);
            }
        }
        BigDecimal loss = transfers.stream().map(t -> t.transfer().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
        Instant first = transfers.stream()
                .map(t -> t.transfer().at())
                .min(Comparator.naturalOrder())
                .orElse(row.receivedAt());
        return cases.accept(
                new CaseDesk.Accept(
                        row.fraudType() == null ? FraudType.OTHER : FraudType.valueOf(row.fraudType()),
                        loss,
                        first,
                        row.unitCode() == null ? provinceCode : row.unitCode(),
                        row.victim() ? row.reporterPhone() : null,
                        List.copyOf(ids)),
                actor);
    }

    static Identifiers.@Nullable Identifier receiving(ReportValidator.Transfer t) {
        if (t.channel().equals("ALIPAY") || t.channel().equals("WECHAT_PAY")) {
            try {
                return Identifiers.normalise(IdentifierType.PAYMENT_ACCOUNT, t.toAccount());
            } catch (Identifiers.InvalidIdentifier e) {
                return null;
            }
        }
        return Identifiers.ofCounterpart("ACCOUNT", t.toAccount());
    }
}

package org.fanzha.reports.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.fanzha.cases.Identifiers;
import org.fanzha.divisions.DivisionsProperties;
import org.fanzha.platform.Source;
import org.fanzha.reports.ReportsProperties;
import org.fanzha.risk.RiskList;
import org.fanzha.risk.RiskType;
import org.fanzha.risk.Sighting;
import org.fanzha.risk.SightingKind;
import org.fanzha.warning.Leads;
import org.fanzha.warning.SignalType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What follows a stored report, after its commit: its PUBLIC_REPORT lead (RED to the province desk
 * when a transfer is fresh), its sightings on the risk list, a provisional stop when a receiving
 * account is already VERY_HIGH.
 */
@Component
class ReportLeads {

    private static final Logger log = LoggerFactory.getLogger(ReportLeads.class);

    private final ReportStore store;
    private final ReportsProperties properties;
    private final RiskList risk;
    private final Leads leads;
    private final ReportStops stops;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final String provinceCode;
    private final org.fanzha.blocklist.ReportedSites reportedSites;

    ReportLeads(
            ReportStore store,
            ReportsProperties properties,
            RiskList risk,
            Leads leads,
            ReportStops stops,
            TransactionTemplate tx,
            Clock clock,
            DivisionsProperties divisions,
            org.fanzha.blocklist.ReportedSites reportedSites) {
        this.reportedSites = reportedSites;
        this.store = store;
        this.properties = properties;
        this.risk = risk;
        this.leads = leads;
        this.stops = stops;
        this.tx = tx;
        this.clock = clock;
        this.provinceCode = divisions.provinceCode();
    }

    /** What the fraudster used and the accounts paid to, as public reports on the risk list (sites stay with the blocklist). */
    private static List<Sighting> sightings(
            ReportStore.Row row, List<ReportValidator.Ident> fraudster, List<ReportValidator.Transfer> transfers) {
        String reporter = "report:" + PublicReports.sha256(row.reporterPhone()).substring(0, 16);
        String receipt = row.receipt();
        Instant now = row.receivedAt();
        org.fanzha.platform.FraudType fraudType =
                row.fraudType() == null ? null : org.fanzha.platform.FraudType.valueOf(row.fraudType());
        List<Sighting> out = new ArrayList<>();
        for (ReportValidator.Ident id : fraudster) {
            if (!id.type().site()) {
                out.add(new Sighting(
                        id.type(),
                        id.value(),
                        SightingKind.PUBLIC_REPORT,
                        now,
                        "REPORT",
                        receipt,
                        reporter,
                        null,
                        fraudType,
                        false));
            }
        }
        for (ReportValidator.Transfer t : transfers) {
            RiskType type = account(t);
            if (type != null) {
                out.add(new Sighting(
                        type,
                        t.toAccount(),
                        SightingKind.PUBLIC_REPORT,
                        now,
                        "REPORT",
                        receipt,
                        reporter,
                        null,
                        fraudType,
                        false));
            }
        }
        return out;
    }

    /**
     * Whether the receiving account is VERY_HIGH on the risk list under any type it may be listed as:
     * a number the reporter calls an account may be listed as a card (it passes the Luhn check) or as
     * an account (a case gave it as one), and the other way round.
     */
    private boolean veryHigh(ReportValidator.Transfer t) {
        List<RiskType> types = t.channel().equals("ALIPAY") || t.channel().equals("WECHAT_PAY")
                ? List.of(RiskType.PAYMENT_ACCOUNT)
                : List.of(RiskType.BANK_CARD, RiskType.BANK_ACCOUNT);
        return types.stream().anyMatch(type -> risk.level(type, t.toAccount()) == org.fanzha.risk.RiskLevel.VERY_HIGH);
    }

    /** The receiving account's type: a payment account for Alipay and WeChat Pay, else a card or an account. */
    static @Nullable RiskType account(ReportValidator.Transfer t) {
        if (t.channel().equals("ALIPAY") || t.channel().equals("WECHAT_PAY")) {
            return RiskType.PAYMENT_ACCOUNT;
        }
        Identifiers.Identifier id = Identifiers.ofCounterpart("ACCOUNT", t.toAccount());
        return id == null ? null : RiskType.of(id.type()).orElse(null);
    }

    /**
     * Once the report is stored: its lead (at least once; the lead's source id is the receipt, so
     * again is the same lead). Outside a transaction of its own: the intake's transactions retry
     * when another lead for the same phone opens its warning at the same moment.
     */
    @org.springframework.scheduling.annotation.Async
    @org.springframework.transaction.event.TransactionalEventListener
    void on(PublicReports.ReportFiled filed) {
        fileLead(filed.receipt());
    }

    /** Reports whose lead is missing a minute after they came (the listener failed, or a restart): filed now. */
    @Scheduled(
            fixedDelayString = "${fanzha.reports.lead-retry:60s}",
            initialDelayString = "${fanzha.reports.lead-retry:60s}")
    void fileMissingLeads() {
        for (String receipt : store.unfiled(clock.instant().minus(Duration.ofMinutes(1)), 100)) {
            try {
                fileLead(receipt);
            } catch (RuntimeException e) {
                log.warn("Report {}: lead not filed yet: {}", receipt, e.getMessage());
            }
        }
    }

    void fileLead(String receipt) {
        ReportStore.Row row = store.find(receipt).orElseThrow(() -> new PublicReports.ReportNotFound(receipt));
        if (row.leadId() != null) {
            return;
        }
        // what the fraudster used, on the risk list (once per report: a sighting is recorded once per reference)
        tx.executeWithoutResult(
                status -> risk.record(sightings(row, store.identifiers(row.id()), store.transfers(row.id()))));
        // the sites it names, on the blocklist's review queue
        List<String> sites = store.identifiers(row.id()).stream()
                .filter(id -> id.type() == RiskType.URL || id.type() == RiskType.DOMAIN || id.type() == RiskType.IP)
                .map(ReportValidator.Ident::value)
                .toList();
        if (!sites.isEmpty()) {
            try {
                reportedSites.reported(
                        sites,
                        row.fraudType() == null ? null : org.fanzha.platform.FraudType.valueOf(row.fraudType()),
                        receipt);
            } catch (RuntimeException e) {
                log.warn("Report {}: sites not queued for review: {}", receipt, e.getMessage());
            }
        }
        Instant now = clock.instant();
        List<ReportValidator.Transfer> transfers = store.transfers(row.id());
        List<ReportValidator.Transfer> recent = transfers.stream()
                .filter(t -> t.at().isAfter(now.minus(properties.stopWindow())))
                .toList();
        List<Leads.Signal> signals = new ArrayList<>();
        for (ReportValidator.Transfer t : recent) {
            signals.add(new Leads.Signal(SignalType.REPORTED_TRANSFER, null, t.toAccount(), t.amount(), null, null));
        }
        for (ReportValidator.Ident id : store.identifiers(row.id())) {
            signals.add(
                    switch (id.type()) {
                        case PHONE -> new Leads.Signal(SignalType.REPORTED_CONTACT, id.value(), null, null, null, null);
                        case URL, DOMAIN, IP ->
                            new Leads.Signal(SignalType.REPORTED_CONTACT, null, null, null, id.value(), null);
                        case APP -> new Leads.Signal(SignalType.REPORTED_CONTACT, null, null, null, null, id.value());
                        default -> new Leads.Signal(SignalType.REPORTED_CONTACT, null, id.value(), null, null, null);
                    });
        }
        BigDecimal atRisk =
                recent.stream().map(ReportValidator.Transfer::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        Leads.Filed lead = leads.file(new Leads.Lead(
                Source.valueOf(row.source()),
                receipt,
                row.reporterPhone(),
                null,
                recent.isEmpty() ? null : provinceCode,
                row.fraudType() == null ? null : org.fanzha.platform.FraudType.valueOf(row.fraudType()),
                signals,
                atRisk.signum() == 0 ? null : atRisk,
                row.receivedAt()));
        store.filedAs(
                row.id(),
                lead.leadId(),
                lead.warningId(),
                lead.unitCode(),
                lead.urgency().name());
        log.info(
                "Report {}: lead {} in warning {} ({}, {})",
                receipt,
                lead.leadId(),
                lead.warningId(),
                lead.urgency(),
                lead.unitCode());
        // a fresh transfer to an account the list already holds VERY_HIGH: stopped now, confirmed after
        boolean known = recent.stream().anyMatch(this::veryHigh);
        if (known) {
            try {
                stops.provisional(receipt);
            } catch (RuntimeException e) {
                log.warn("Report {}: provisional stop-payments not sent: {}", receipt, e.getMessage());
            }
        }
    }
}

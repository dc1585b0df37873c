package org.fanzha.funds.internal;

import java.util.List;
import org.fanzha.platform.Actors;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** 止付冻结: police send stop-payment and freeze requests; banks read their queue and answer. */
@RestController
@RequestMapping("/api/v1/funds")
class FundsController {

    private final FundRequests requests;
    private final Banks banks;
    private final FundTraces tracing;
    private final TraceToCase traceToCase;
    private final Statements statements;
    private final Returns returns;
    private final org.fanzha.warning.PartnerWebhooks webhooks;
    private final org.fanzha.staff.PartnerBanks partnerBanks;
    private final BankAnswers answers;
    private final Freezes freezes;

    FundsController(
            FundRequests requests,
            Banks banks,
            FundTraces tracing,
            TraceToCase traceToCase,
            Statements statements,
            Returns returns,
            org.fanzha.warning.PartnerWebhooks webhooks,
            org.fanzha.staff.PartnerBanks partnerBanks,
            BankAnswers answers,
            Freezes freezes) {
        this.freezes = freezes;
        this.answers = answers;
        this.webhooks = webhooks;
        this.partnerBanks = partnerBanks;
        this.returns = returns;
        this.requests = requests;
        this.banks = banks;
        this.tracing = tracing;
        this.traceToCase = traceToCase;
        this.statements = statements;
    }

    /** 资金流向: forward from money that reached an account, hop by hop, first in first out. Changes nothing. */
    @GetMapping("/trace")
    FundTraces.FundTrace trace(
            @RequestParam(required = false) @Nullable String account,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(defaultValue = "5") int hops,
            @RequestParam(required = false) @Nullable String amount,
            @RequestParam(required = false) @Nullable Long caseId) {
        return traced(account, from, hops, amount, caseId, false);
    }

    /** The trace's accounts added to the case as its identifiers: the explicit action after viewing it. */
    @PostMapping("/trace/identifiers")
    FundTraces.FundTrace addTraceToCase(
            @RequestParam(required = false) @Nullable String account,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(defaultValue = "5") int hops,
            @RequestParam(required = false) @Nullable String amount,
            @RequestParam(required = false) @Nullable Long caseId) {
        return traced(account, from, hops, amount, caseId, true);
    }

    private FundTraces.FundTrace traced(
            @Nullable String account,
            @Nullable String from,
            int hops,
            @Nullable String amount,
            @Nullable Long caseId,
            boolean addToCase) {
        org.fanzha.platform.Actor actor = Actors.requirePermission(org.fanzha.platform.Permission.FUNDS_REQUEST);
        List<org.fanzha.platform.FieldError> errors = new java.util.ArrayList<>();
        java.time.Instant at = from == null ? null : FundRequests.time(from, "from", errors, java.time.Instant.now());
        java.math.BigDecimal given = amount == null ? null : FundRequests.amount(amount, "amount", errors, false);
        if (!errors.isEmpty()) {
            throw new org.fanzha.platform.InvalidInput(errors);
        }
        return addToCase
                ? traceToCase.addToCase(account, at, hops, given, caseId, actor)
                : tracing.trace(account, at, hops, given, caseId, actor);
    }

    /** A bank statement (.csv or .xlsx) for tracing, with a report per bad row. */
    @PostMapping(value = "/statements", consumes = "multipart/form-data")
    Statements.Report statement(
            @RequestParam("file") org.springframework.web.multipart.MultipartFile file,
            @RequestParam(required = false) @Nullable String bank)
            throws java.io.IOException {
        String name = file.getOriginalFilename() == null ? "statement.csv" : file.getOriginalFilename();
        if (name.toLowerCase(java.util.Locale.ROOT).endsWith(".xlsx") && file.getSize() > Statements.MAX_XLSX_BYTES) {
            throw new org.fanzha.platform.InvalidInput("file", "error.xlsxTooLarge", null);
        }
        try (var in = file.getInputStream()) {
            return statements.importFile(name, in, bank, Actors.require());
        }
    }

    record RenewRequest(
            @Nullable String documentNumber, @Nullable Integer months) {}

    record ReleaseRequest(
            @Nullable String deductedAmount, @Nullable String note) {}

    @PostMapping("/stop-payments")
    ResponseEntity<FundRequests.Created> stopPayments(@RequestBody FundRequests.StopPaymentRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(requests.stopPayments(request, Actors.require()));
    }

    record TracedStop(
            @Nullable Long caseId,
            @Nullable Long warningId,
            @Nullable String account,
            @Nullable String bank,
            @Nullable String amount,
            @Nullable Integer level) {}

    /** A stop-payment on an account a trace shows still holding money (the trace's one click). */
    @PostMapping("/stop-payments/traced")
    ResponseEntity<FundRequests.View> stopTraced(@RequestBody TracedStop stop) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(requests.stopTraced(
                        stop.caseId(),
                        stop.warningId(),
                        stop.account(),
                        stop.bank(),
                        stop.amount(),
                        stop.level() == null ? 0 : stop.level(),
                        Actors.require()));
    }

    @GetMapping("/requests")
    List<FundRequests.View> list(
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String kind,
            @RequestParam(required = false) @Nullable Long caseId,
            @RequestParam(required = false) @Nullable String account,
            @RequestParam(defaultValue = "200") int limit) {
        return requests.list(status, kind, caseId, account, Actors.require(), limit);
    }

    @GetMapping("/requests/{id}")
    FundRequests.View get(@PathVariable long id) {
        return requests.get(id, Actors.require());
    }

    /** A bank's answer (funds:respond, its own accounts only). */
    @PostMapping("/requests/{id}/response")
    FundRequests.View respond(@PathVariable long id, @RequestBody FundRequests.Response response) {
        return answers.respond(id, response, Actors.require());
    }

    /** Sends a proposed request (an onward account) to its bank. */
    @PostMapping("/requests/{id}/send")
    FundRequests.View send(@PathVariable long id) {
        return requests.send(id, Actors.require());
    }

    @PostMapping("/freezes")
    ResponseEntity<FundRequests.View> freeze(@RequestBody FundRequests.FreezeRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(freezes.freeze(request, Actors.require()));
    }

    @PostMapping("/requests/{id}/renew")
    FundRequests.View renew(@PathVariable long id, @RequestBody RenewRequest request) {
        return freezes.renew(id, request.documentNumber(), request.months(), Actors.require());
    }

    @PostMapping("/requests/{id}/release")
    FundRequests.View release(@PathVariable long id, @RequestBody ReleaseRequest request) {
        return freezes.release(id, request.deductedAmount(), request.note(), Actors.require());
    }

    @GetMapping("/freezes/expiring")
    List<FundRequests.View> expiring(@RequestParam(defaultValue = "15") int days) {
        return freezes.expiring(days, Actors.require());
    }

    /** 返还: works out what of a freeze goes back to each victim, for a commander's approval. */
    @PostMapping("/requests/{id}/returns")
    ResponseEntity<Returns.Return> proposeReturn(@PathVariable long id) {
        return ResponseEntity.status(HttpStatus.CREATED).body(returns.propose(id, Actors.require()));
    }

    @GetMapping("/requests/{id}/returns")
    List<Returns.Return> returnsOf(@PathVariable long id) {
        return returns.ofFreeze(id, Actors.require());
    }

    @GetMapping("/returns/{id}")
    Returns.Return getReturn(@PathVariable long id) {
        return returns.get(id, Actors.require());
    }

    @PostMapping("/returns/{id}/approve")
    Returns.Return approveReturn(
            @PathVariable long id, @RequestBody(required = false) Returns.@Nullable Decision decision) {
        return returns.approve(id, decision, Actors.require());
    }

    @PostMapping("/returns/{id}/reject")
    Returns.Return rejectReturn(
            @PathVariable long id, @RequestBody(required = false) Returns.@Nullable Decision decision) {
        return returns.reject(id, decision, Actors.require());
    }

    record WebhookRequest(@Nullable String url) {}

    static final class NoWebhook extends org.fanzha.platform.ProblemException {
        NoWebhook() {
            super(HttpStatus.NOT_FOUND, "webhook-not-found", "No webhook", "this token has no webhook yet: PUT one");
        }
    }

    record WebhookView(String url, @Nullable String secret, String bank) {}

    /** A bank's token registers where each request sent to the bank is posted; the signing secret is shown once. */
    @PutMapping("/webhook")
    WebhookView registerWebhook(@RequestBody WebhookRequest request) {
        org.fanzha.platform.Actor bank = bankPartner();
        String url = request.url() == null ? "" : request.url().strip();
        String secret = webhooks.register(bank, url);
        return new WebhookView(url, secret, partnerBanks.bankOf(bank).orElseThrow());
    }

    @GetMapping("/webhook")
    WebhookView webhook() {
        org.fanzha.platform.Actor bank = bankPartner();
        return webhooks.urlOf(bank)
                .map(url -> new WebhookView(url, null, partnerBanks.bankOf(bank).orElseThrow()))
                .orElseThrow(NoWebhook::new);
    }

    @DeleteMapping("/webhook")
    ResponseEntity<Void> removeWebhook() {
        webhooks.remove(bankPartner());
        return ResponseEntity.noContent().build();
    }

    private org.fanzha.platform.Actor bankPartner() {
        org.fanzha.platform.Actor actor = Actors.requirePermission(org.fanzha.platform.Permission.FUNDS_RESPOND);
        if (actor.kind() != org.fanzha.platform.Actor.Kind.PARTNER
                || partnerBanks.bankOf(actor).isEmpty()) {
            throw new org.fanzha.platform.Forbidden("problem.forbidden.bankWebhook");
        }
        return actor;
    }

    @GetMapping("/banks")
    List<Banks.Bank> banks() {
        Actors.require();
        return banks.all();
    }

    @GetMapping("/timings")
    List<FundRequests.BankTiming> timings() {
        return requests.timings(Actors.require());
    }
}

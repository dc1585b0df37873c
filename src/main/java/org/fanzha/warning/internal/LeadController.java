package org.fanzha.warning.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fanzha.platform.Actor;
import org.fanzha.platform.Actors;
import org.fanzha.platform.FieldError;
import org.fanzha.platform.Forbidden;
import org.fanzha.platform.InvalidInput;
import org.fanzha.platform.Permission;
import org.fanzha.platform.ProblemException;
import org.fanzha.platform.Source;
import org.fanzha.warning.Outcome;
import org.fanzha.warning.Urgency;
import org.fanzha.warning.WarningProperties;
import org.fanzha.warning.WarningState;
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
import org.springframework.web.bind.annotation.RestController;

/**
 * Lead intake for partners and staff: one lead, or a batch of up to 10,000 where each row is
 * answered on its own; and the feedback a source reads about what it sent.
 */
@RestController
@RequestMapping("/api/v1/leads")
class LeadController {

    private final LeadValidator validator;
    private final LeadIntake intake;
    private final WarningStore store;
    private final WarningProperties properties;
    private final Webhooks webhooks;

    private final SingleLeads singleLeads;

    LeadController(
            LeadValidator validator,
            LeadIntake intake,
            WarningStore store,
            WarningProperties properties,
            Webhooks webhooks,
            SingleLeads singleLeads) {
        this.singleLeads = singleLeads;
        this.validator = validator;
        this.intake = intake;
        this.store = store;
        this.properties = properties;
        this.webhooks = webhooks;
    }

    record Accepted(
            long leadId,
            long warningId,
            Urgency urgency,
            String unitCode,
            WarningState status,
            boolean duplicate,
            List<FieldError> ignored) {

        static Accepted of(LeadIntake.Ack ack) {
            return new Accepted(
                    ack.leadId(),
                    ack.warningId(),
                    ack.urgency(),
                    ack.unitCode(),
                    ack.status(),
                    ack.duplicate(),
                    ack.ignored());
        }
    }

    record Row(
            int index,
            @Nullable Accepted accepted,
            @Nullable List<FieldError> errors) {}

    record BatchResult(int accepted, int rejected, List<Row> rows) {}

    record Feedback(
            String source,
            String sourceId,
            long leadId,
            long warningId,
            WarningState state,
            @Nullable Outcome outcome,
            Urgency urgency,
            String unitCode) {}

    static class WebhookNotFound extends ProblemException {
        WebhookNotFound() {
            super(
                    HttpStatus.NOT_FOUND,
                    "webhook-not-found",
                    "problem.webhookNotFound.title",
                    "problem.webhookNotFound.detail");
        }
    }

    static class LeadNotFound extends ProblemException {
        LeadNotFound(String source, String sourceId) {
            super(
                    HttpStatus.NOT_FOUND,
                    "lead-not-found",
                    "problem.leadNotFound.title",
                    "problem.leadNotFound.detail",
                    args(source, sourceId),
                    java.util.Map.of());
        }
    }

    @PostMapping
    ResponseEntity<Accepted> submit(@RequestBody LeadRequest request) {
        Actor actor = Actors.requirePermission(Permission.LEADS_SUBMIT);
        var validated = validator.validate(request);
        if (!actor.mayActFor(validated.lead().source())) {
            throw new Forbidden(
                    "problem.forbidden.tokenSources",
                    actor.sources(),
                    validated.lead().source());
        }
        var ack = singleLeads.accept(validated, actor);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Accepted.of(ack));
    }

    @PostMapping("/batch")
    ResponseEntity<BatchResult> batch(@RequestBody List<@Nullable LeadRequest> requests) {
        Actor actor = Actors.requirePermission(Permission.LEADS_SUBMIT);
        if (requests.isEmpty() || requests.size() > properties.maxBatch()) {
            throw InvalidInput.of("leads", "error.batchSize", requests.size(), properties.maxBatch());
        }
        // validate every row first; the valid ones are filed together, in chunks of one transaction each
        List<Row> rows = new ArrayList<>(java.util.Collections.nCopies(requests.size(), (Row) null));
        List<LeadValidator.Validated> valid = new ArrayList<>();
        List<Integer> validIndex = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            LeadRequest request = requests.get(i);
            try {
                if (request == null) {
                    throw new InvalidInput("lead", "error.null", null);
                }
                var validated = validator.validate(request);
                if (!actor.mayActFor(validated.lead().source())) {
                    throw InvalidInput.of(
                            "source", "error.tokenSources", validated.lead().source(), actor.sources());
                }
                valid.add(validated);
                validIndex.add(i);
            } catch (InvalidInput e) {
                rows.set(i, new Row(i, null, e.errors()));
            }
        }
        var acks = intake.acceptAll(
                valid, actor, intake.request(actor, "batch of " + requests.size(), requests.size() - valid.size()));
        int opened = 0;
        for (int k = 0; k < acks.size(); k++) {
            rows.set(validIndex.get(k), new Row(validIndex.get(k), Accepted.of(acks.get(k)), null));
            opened += acks.get(k).opened() ? 1 : 0;
        }
        int accepted = acks.size();
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(new BatchResult(accepted, requests.size() - accepted, rows));
    }

    record WebhookRequest(@Nullable String url) {}

    record WebhookView(String url, @Nullable String secret, List<Source> sources) {}

    /** A partner registers where the outcomes of its leads are posted; the signing secret is shown once. */
    @PutMapping("/webhook")
    WebhookView registerWebhook(@RequestBody WebhookRequest request) {
        Actor partner = partner();
        String url = request.url() == null ? "" : request.url().strip();
        String secret = webhooks.register(partner, url);
        return new WebhookView(url, secret, List.copyOf(partner.sources()));
    }

    @GetMapping("/webhook")
    WebhookView webhook() {
        var hook = webhooks.of(partner()).orElseThrow(() -> new WebhookNotFound());
        return new WebhookView(hook.url(), null, hook.sources());
    }

    @DeleteMapping("/webhook")
    ResponseEntity<Void> removeWebhook() {
        webhooks.remove(partner());
        return ResponseEntity.noContent().build();
    }

    private static Actor partner() {
        Actor actor = Actors.requirePermission(Permission.LEADS_SUBMIT);
        if (actor.kind() != Actor.Kind.PARTNER) {
            throw new Forbidden("problem.forbidden.partnerWebhook");
        }
        return actor;
    }

    /** 预警反馈: what became of a lead. A partner reads its own sources; staff read leads of their jurisdiction. */
    @GetMapping("/{source}/{sourceId}")
    Feedback feedback(@PathVariable String source, @PathVariable String sourceId) {
        Actor actor = Actors.require();
        Source parsed;
        try {
            parsed = Source.valueOf(source);
        } catch (IllegalArgumentException e) {
            throw InvalidInput.of(
                    "source", "error.oneOf", source.length() > 30 ? null : source, List.of(Source.values()));
        }
        // a partner reads the leads it submitted itself; staff those of their jurisdiction
        Optional<WarningStore.LeadAck> found;
        if (actor.kind() == Actor.Kind.PARTNER) {
            found = actor.can(Permission.LEADS_SUBMIT) && actor.mayActFor(parsed)
                    ? store.ackOf("partner:" + actor.name(), parsed.name(), sourceId)
                    : Optional.empty();
        } else {
            found = actor.can(Permission.WARNINGS_READ)
                    ? store.acksIn(actor.unitCode(), parsed.name(), sourceId).stream()
                            .findFirst()
                    : Optional.empty();
        }
        var ack = found.orElseThrow(() -> new LeadNotFound(source, sourceId));
        var warning = store.findUnscoped(ack.warningId()).orElseThrow(() -> new LeadNotFound(source, sourceId));
        return new Feedback(
                parsed.name(),
                sourceId,
                ack.leadId(),
                ack.warningId(),
                warning.state(),
                warning.outcome(),
                warning.urgency(),
                warning.unitCode());
    }
}

package org.fanzha.warning.internal;

import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fanzha.blocklist.BlockHitRecorded;
import org.fanzha.platform.Actor;
import org.fanzha.platform.InvalidInput;
import org.fanzha.platform.Permission;
import org.fanzha.platform.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A visitor of a blocked fraud site whom the operators' mapping names becomes a FRAUD_SITE_VISIT
 * lead (its source id derived from the hit, so a replayed event files it once).
 */
@Component
class SiteVisitLeads {

    private static final Logger log = LoggerFactory.getLogger(SiteVisitLeads.class);
    static final Actor BLOCKING = new Actor(
            Actor.Kind.PARTNER,
            0,
            "blocklist",
            "涉诈网站拦截",
            "41",
            Set.of(),
            EnumSet.of(Permission.LEADS_SUBMIT),
            EnumSet.of(Source.FRAUD_SITE_VISIT));

    private final LeadValidator validator;
    private final LeadIntake intake;

    SiteVisitLeads(LeadValidator validator, LeadIntake intake) {
        this.validator = validator;
        this.intake = intake;
    }

    @ApplicationModuleListener
    void on(BlockHitRecorded hit) {
        var request = new LeadRequest(
                Source.FRAUD_SITE_VISIT.name(),
                "HIT-" + hit.hitId(),
                hit.phone(),
                null,
                null,
                null,
                null,
                hit.category() == null ? null : hit.category().name(),
                List.of(new LeadRequest.SignalRequest(
                        "FRAUD_SITE_VISIT", null, null, null, null, hit.url(), null, Map.of())),
                null,
                hit.at().atOffset(ZoneOffset.ofHours(8)).toString(),
                null);
        try {
            var validated = validator.validate(request);
            var ack = intake.accept(
                    validated,
                    BLOCKING,
                    intake.request(BLOCKING, "site visit " + validated.lead().sourceId(), 0));
            log.info("Visit {} of a blocked site: lead {} in warning {}", hit.hitId(), ack.leadId(), ack.warningId());
        } catch (InvalidInput e) {
            // a mapping with a phone that is no phone: nothing to file, nothing to retry
            log.warn("Visit {} of a blocked site not filed: {}", hit.hitId(), e.getMessage());
        }
    }
}

package org.fanzha.blocklist.internal;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.fanzha.blocklist.Names;
import org.fanzha.blocklist.ReportedSites;
import org.fanzha.divisions.DivisionsProperties;
import org.fanzha.platform.Actor;
import org.fanzha.platform.FraudType;
import org.fanzha.platform.ProblemException;
import org.fanzha.platform.Source;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

@Service
class ModuleReportedSites implements ReportedSites {

    private static final Logger log = LoggerFactory.getLogger(ModuleReportedSites.class);

    private final Blocklist blocklist;
    private final Actor intake;

    ModuleReportedSites(Blocklist blocklist, DivisionsProperties divisions) {
        this.blocklist = blocklist;
        // the public's reports: never trusted, every site waits for a reviewer
        this.intake = new Actor(
                Actor.Kind.STAFF,
                0,
                "system:public-reports",
                "群众举报",
                divisions.provinceCode(),
                Set.of(),
                EnumSet.noneOf(org.fanzha.platform.Permission.class),
                EnumSet.of(Source.PUBLIC_REPORT));
    }

    @Override
    public int reported(List<String> sites, @Nullable FraudType category, String reference) {
        int queued = 0;
        for (String site : sites) {
            try {
                blocklist.add(
                        new Blocklist.Submission(
                                site,
                                null,
                                category == null ? FraudType.OTHER : category,
                                Source.PUBLIC_REPORT,
                                "群众举报 " + reference,
                                null,
                                null,
                                false),
                        intake);
                queued++;
            } catch (ProblemException | Names.InvalidName e) {
                // allowed or sensitive names, and values that are no site, stay off the queue
                log.info("Reported site {} ({}) not queued: {}", site, reference, e.getMessage());
            }
        }
        return queued;
    }
}

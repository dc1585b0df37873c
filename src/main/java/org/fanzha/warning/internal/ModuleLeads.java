package org.fanzha.warning.internal;

import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.fanzha.divisions.DivisionsProperties;
import org.fanzha.platform.Actor;
import org.fanzha.platform.Permission;
import org.fanzha.warning.Leads;
import org.springframework.stereotype.Service;

/** The leads other modules file: built as a partner's request would be, checked and taken in the same way. */
@Service
class ModuleLeads implements Leads {

    private final LeadValidator validator;
    private final LeadIntake intake;
    private final String provinceCode;

    ModuleLeads(LeadValidator validator, LeadIntake intake, DivisionsProperties divisions) {
        this.validator = validator;
        this.intake = intake;
        this.provinceCode = divisions.provinceCode();
    }

    @Override
    public Filed file(Lead lead) {
        var request = new LeadRequest(
                lead.source().name(),
                lead.sourceId(),
                lead.phone(),
                null,
                lead.name(),
                null,
                lead.divisionCode(),
                lead.fraudType() == null ? null : lead.fraudType().name(),
                lead.signals().stream()
                        .map(s -> new LeadRequest.SignalRequest(
                                s.type().name(),
                                s.counterpart(),
                                null,
                                s.account(),
                                s.amount() == null ? null : s.amount().toPlainString(),
                                s.url(),
                                s.app(),
                                Map.of()))
                        .toList(),
                lead.amountAtRisk() == null ? null : lead.amountAtRisk().toPlainString(),
                lead.observedAt().atOffset(ZoneOffset.ofHours(8)).toString(),
                null);
        Actor actor = new Actor(
                Actor.Kind.PARTNER,
                0,
                lead.source().name().toLowerCase(java.util.Locale.ROOT),
                lead.source().name(),
                provinceCode,
                Set.of(),
                EnumSet.of(Permission.LEADS_SUBMIT),
                EnumSet.of(lead.source()));
        var validated = validator.validate(request);
        var ack = intake.accept(validated, actor, intake.request(actor, lead.source() + " " + lead.sourceId(), 0));
        return new Filed(ack.leadId(), ack.warningId(), ack.urgency(), ack.unitCode(), ack.duplicate());
    }
}

package org.fanzha.contact.internal;

import java.time.Instant;
import java.util.List;
import org.fanzha.contact.Channel;
import org.fanzha.contact.ContactRequested;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The steps people do: a call by a 96110 operator, a visit by the local officer. The hotline makes
 * the task from {@link ContactRequested} (stored with this transaction, delivered after it); the
 * step is done once handed over, and what the person then achieves reaches the plan as the
 * warning's contacts.
 */
@Component
class HandOver {

    private final ApplicationEventPublisher events;

    HandOver(ApplicationEventPublisher events) {
        this.events = events;
    }

    List<StepChannel> channels() {
        return List.of(channel(Channel.HUMAN_CALL), channel(Channel.VISIT));
    }

    private StepChannel channel(Channel channel) {
        return new StepChannel() {
            @Override
            public Channel channel() {
                return channel;
            }

            @Override
            public Start start(ContactPlans.Plan plan, ContactStep step, Instant now) {
                events.publishEvent(new ContactRequested(plan.warningId(), channel, plan.unitCode(), plan.urgency()));
                return new Done("HANDED_OVER");
            }
        };
    }
}

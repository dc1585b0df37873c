package org.fanzha.contact.internal;

import org.fanzha.contact.Channel;
import org.fanzha.warning.ContactMethod;
import org.fanzha.warning.WarningClosed;
import org.fanzha.warning.WarningContacted;
import org.fanzha.warning.WarningOpened;
import org.fanzha.warning.WarningUpgraded;
import org.fanzha.warning.WarningsOpened;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Turns warning events into contact plans: a plan for every warning opened, the more urgent
 * level's steps when it is raised, an end to what waits when someone reaches the person or the
 * warning closes.
 */
@Component
class ContactPlanner {

    private final ContactWork work;

    ContactPlanner(ContactWork work) {
        this.work = work;
    }

    @ApplicationModuleListener
    public void on(WarningOpened opened) {
        work.plan(opened.warningId(), opened.urgency(), opened.unitCode(), opened.fraudType());
    }

    @ApplicationModuleListener
    public void on(WarningsOpened opened) {
        for (var w : opened.warnings()) {
            work.plan(w.warningId(), w.urgency(), w.unitCode(), w.fraudType());
        }
    }

    @ApplicationModuleListener
    public void on(WarningUpgraded upgraded) {
        work.raised(upgraded.warningId(), upgraded.urgency());
    }

    @ApplicationModuleListener
    public void on(WarningContacted contacted) {
        Channel channel = contacted.method() == ContactMethod.VISIT ? Channel.VISIT : Channel.HUMAN_CALL;
        work.tried(contacted.warningId(), channel, contacted.at());
        if (contacted.confirmed()) {
            work.contacted(contacted.warningId(), channel);
        } else if (channel == Channel.HUMAN_CALL) {
            work.humanCallFailed(contacted.warningId());
        }
    }

    @ApplicationModuleListener
    public void on(WarningClosed closed) {
        work.closed(closed.warningId());
    }
}

package org.fanzha.contact.internal;

import java.util.Optional;
import org.fanzha.contact.ContactProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Which SMSC to bind to: the configured one ({@code FANZHA_SMS_SMPP_HOST} …) under every profile;
 * without one, the demo's simulated SMSC when it runs; else none, and messages wait.
 */
@Component
class SmscAddress {

    /** The lifecycle phase of the demo's SMSC; the bind starts after it. */
    static final int PHASE = 1000;

    private final ContactProperties.Sms settings;
    private final ObjectProvider<DemoSmsc> demo;

    SmscAddress(ContactProperties properties, ObjectProvider<DemoSmsc> demo) {
        this.settings = properties.sms();
        this.demo = demo;
    }

    record Target(String host, int port, String systemId, String password) {}

    Optional<Target> get() {
        if (settings.configured()) {
            return Optional.of(new Target(settings.host(), settings.port(), settings.systemId(), settings.password()));
        }
        DemoSmsc simulated = demo.getIfAvailable();
        return simulated == null || simulated.port() <= 0
                ? Optional.empty()
                : Optional.of(new Target("127.0.0.1", simulated.port(), DemoSmsc.SYSTEM_ID, DemoSmsc.PASSWORD));
    }
}

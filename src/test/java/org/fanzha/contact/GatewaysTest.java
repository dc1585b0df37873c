package org.fanzha.contact;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.fanzha.testing.IntegrationTest;
import org.springframework.test.context.TestPropertySource;

/**
 * A full application test whose SMSC and call centre are the tests' own ({@link Gateways}): one
 * application context for all such tests, so keep their configuration identical.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@IntegrationTest
@TestPropertySource(
        properties = {
            "fanzha.contact.sms.host=127.0.0.1",
            "fanzha.contact.sms.port=${fanzha.test.smsc-port}",
            "fanzha.contact.sms.system-id=" + TestSmsc.SYSTEM_ID,
            "fanzha.contact.sms.password=" + TestSmsc.PASSWORD,
            "fanzha.contact.sms.rate-per-second=500",
            "fanzha.contact.sms.reconnect-min=100ms",
            "fanzha.contact.sms.reconnect-max=500ms",
            "fanzha.contact.sms.poll-interval=50ms",
            "fanzha.contact.sms.receipt-interval=100ms",
            "fanzha.contact.voice.url=http://127.0.0.1:${fanzha.test.voice-port}/calls",
            "fanzha.contact.voice.secret=" + TestCallCentre.SECRET,
            "fanzha.contact.voice.callback-url=https://fanzha.example/api/v1/contact/voice-results",
            "fanzha.contact.voice.poll-interval=50ms",
            "fanzha.contact.voice.retry-min=200ms",
            "fanzha.contact.voice.max-tries=3",
            "fanzha.contact.voice.result-within=4s"
        })
public @interface GatewaysTest {}

package org.fanzha.contact;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.fanzha.warning.Urgency;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of reaching people ({@code fanzha.contact.*}).
 *
 * @param plans the contact plan (联系策略) per urgency: ordered steps
 * @param robotFailuresToUpgrade after this many robot calls that reached nobody the warning is raised a level
 * @param centreName the sender the warning texts name
 * @param tickInterval how often the step runner looks for due steps
 * @param sms the SMSC connection and the outbox
 * @param voice the call centre that places robot calls
 * @param followUps after a warning closed defrauded, insisting or dissuaded: when the follow-ups (回访) are due
 * @param staffSmsKinds the notices the staff on duty are also told of by SMS
 * @param staffSmsInterval a staff member gets at most one SMS of a kind in this time (the rest are in the app);
 *     visits are told one by one
 */
@ConfigurationProperties("fanzha.contact")
public record ContactProperties(
        @DefaultValue Map<Urgency, List<Step>> plans,
        @DefaultValue("2") int robotFailuresToUpgrade,
        @DefaultValue("河南省公安厅反诈中心") String centreName,
        @DefaultValue("1s") Duration tickInterval,
        @DefaultValue Sms sms,
        @DefaultValue Voice voice,
        @DefaultValue({"3d", "14d", "30d"}) List<Duration> followUps,

        @DefaultValue({"ESCALATED", "RED_WARNING", "VISIT_ASSIGNED", "VISIT_OVERDUE"})
        List<String> staffSmsKinds,

        @DefaultValue("5m") Duration staffSmsInterval) {

    public ContactProperties {
        plans = plans.isEmpty() ? defaults() : new EnumMap<>(plans);
    }

    public List<Step> plan(Urgency urgency) {
        return plans.getOrDefault(urgency, List.of());
    }

    /**
     * One step of a plan.
     *
     * @param delay after the warning opened (or was raised to this level)
     * @param failures for AFTER_FAILURES: how many failed steps
     * @param of for AFTER_FAILURES: failed steps of this channel only; any channel when absent
     */
    public record Step(
            Channel channel,
            @DefaultValue("0s") Duration delay,
            @DefaultValue("ALWAYS") RunWhen when,
            @DefaultValue("1") int failures,
            @Nullable Channel of) {}

    /**
     * The SMSC bind. With a host set Fanzha binds as a transceiver (ESME) to it under every
     * profile; without one nothing connects, and the demo profile runs a simulated SMSC inside the
     * application instead.
     *
     * @param ratePerSecond the throughput the carrier allows this bind
     * @param window submits that may await their response at once
     * @param enquireLinkInterval keep-alive of an idle bind
     * @param responseTimeout how long a submit waits for its response (then it is UNCERTAIN, never resent)
     * @param reconnectMin the first wait after the bind broke; doubles up to reconnectMax
     * @param validity how long the SMSC keeps trying to deliver
     * @param uncertainAfter a message SENDING longer than this (its instance died) becomes UNCERTAIN
     */
    public record Sms(
            @Nullable String host,
            @DefaultValue("2775") int port,
            @DefaultValue("") String systemId,
            @DefaultValue("") String password,
            @DefaultValue("") String systemType,
            @DefaultValue("96110") String sourceAddr,
            @DefaultValue("50") int ratePerSecond,
            @DefaultValue("10") int window,
            @DefaultValue("30s") Duration enquireLinkInterval,
            @DefaultValue("10s") Duration responseTimeout,
            @DefaultValue("1s") Duration reconnectMin,
            @DefaultValue("60s") Duration reconnectMax,
            @DefaultValue("24h") Duration validity,
            @DefaultValue("2m") Duration uncertainAfter,
            @DefaultValue("200ms") Duration pollInterval) {

        public boolean configured() {
            return host != null && !host.isBlank();
        }
    }

    /**
     * The call-centre platform's voice gateway (智能外呼). With a URL set, Fanzha posts each robot
     * call as an order signed with the shared secret ({@code X-Fanzha-Signature: sha256=<hex>} of
     * the body, as the bank webhooks are) and takes the results, signed the same way, at {@code POST
     * /api/v1/contact/voice-results}. Without one robot calls are not tried (the plan hands the
     * person to a human); the demo profile then runs a simulated call centre.
     *
     * @param url where call orders are posted
     * @param secret the HMAC-SHA256 key both sides sign with
     * @param callerId the number the person sees
     * @param callbackUrl where the call centre posts results (this platform's public address)
     * @param orderTimeout how long posting one order may take
     * @param resultWithin a call ordered without a result after this long failed (NO_RESULT)
     * @param maxTries orders the gateway could not take (5xx, no connection) are posted again up to this often
     * @param retryMin the first wait before posting again; doubles up to five minutes
     * @param pollInterval how often queued orders are looked for
     */
    public record Voice(
            @Nullable String url,
            @DefaultValue("") String secret,
            @DefaultValue("96110") String callerId,
            @DefaultValue("") String callbackUrl,
            @DefaultValue("10s") Duration orderTimeout,
            @DefaultValue("15m") Duration resultWithin,
            @DefaultValue("5") int maxTries,
            @DefaultValue("5s") Duration retryMin,
            @DefaultValue("500ms") Duration pollInterval) {

        public Voice {
            if (url != null && !url.isBlank() && secret.length() < 16) {
                throw new IllegalArgumentException(
                        "fanzha.contact.voice.secret (FANZHA_VOICE_SECRET) must be set, 16 characters or more, "
                                + "when fanzha.contact.voice.url is");
            }
        }

        public boolean configured() {
            return url != null && !url.isBlank();
        }
    }

    /** The default plans of the issue: red by a person at once, orange and yellow by machine first. */
    static Map<Urgency, List<Step>> defaults() {
        Map<Urgency, List<Step>> plans = new EnumMap<>(Urgency.class);
        plans.put(
                Urgency.RED,
                List.of(
                        new Step(Channel.HUMAN_CALL, Duration.ZERO, RunWhen.ALWAYS, 1, null),
                        new Step(Channel.SMS, Duration.ZERO, RunWhen.ALWAYS, 1, null),
                        new Step(Channel.VISIT, Duration.ofMinutes(30), RunWhen.NOT_CONTACTED, 1, null)));
        plans.put(
                Urgency.ORANGE,
                List.of(
                        new Step(Channel.SMS, Duration.ZERO, RunWhen.ALWAYS, 1, null),
                        new Step(Channel.ROBOT_CALL, Duration.ZERO, RunWhen.ALWAYS, 1, null),
                        new Step(Channel.HUMAN_CALL, Duration.ZERO, RunWhen.AFTER_FAILURES, 1, Channel.ROBOT_CALL)));
        plans.put(
                Urgency.YELLOW,
                List.of(
                        new Step(Channel.SMS, Duration.ZERO, RunWhen.ALWAYS, 1, null),
                        new Step(Channel.ROBOT_CALL, Duration.ZERO, RunWhen.ALWAYS, 1, null),
                        new Step(
                                Channel.ROBOT_CALL,
                                Duration.ofMinutes(15),
                                RunWhen.AFTER_FAILURES,
                                1,
                                Channel.ROBOT_CALL)));
        return plans;
    }
}

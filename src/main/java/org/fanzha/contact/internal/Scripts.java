package org.fanzha.contact.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fanzha.audit.AuditLog;
import org.fanzha.contact.ContactProperties;
import org.fanzha.platform.FieldError;
import org.fanzha.platform.FraudType;
import org.fanzha.platform.InvalidInput;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The words people are reached with: the warning SMS templates and the robot call scripts, one
 * per topic (a fraud type, {@code default} for the rest, {@code FOLLOW_UP} for the recovery-scam
 * follow-up). Version 0 of each is the text in the Chinese bundle ({@code contact.sms.<topic>},
 * {@code contact.call.<topic>}); province commanders write later versions, kept with who, when and
 * why. A text names the sender ({@code {centre}}) and 96110 ({@code {hotline}}), carries no link
 * (genuine warnings never do; fraud messages do) and nobody's personal data: an edit that breaks
 * one of these is refused, field by field.
 */
@Component
class Scripts {

    /** What a text is for. */
    enum Kind {
        SMS(335),
        CALL(1000);

        /** SMS: five concatenated UCS-2 parts of 67 characters. */
        final int maxLength;

        Kind(int maxLength) {
            this.maxLength = maxLength;
        }

        String bundlePrefix() {
            return this == SMS ? "contact.sms." : "contact.call.";
        }
    }

    static final String DEFAULT = "default";
    static final String FOLLOW_UP = "FOLLOW_UP";
    static final Set<String> PLACEHOLDERS = Set.of("centre", "hotline");
    private static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

    /** The rest of a link: up to a space or Chinese punctuation. */
    private static final String REST = "[^\\s，。；、！？）)]*";
    /** A link in any form a phone would make clickable or a reader would type: scheme, www., a domain. */
    static final Pattern LINK = Pattern.compile("(?i)(\\b[a-z][a-z0-9+.-]*://" + REST + "|\\bwww\\." + REST
            + "|\\b[a-z0-9-]+(\\.[a-z0-9-]+)*\\.[a-z]{2,}\\b(/" + REST + ")?)");
    /** Eleven digits from 1 (a mobile number), 15 or 18 characters of an identity number, a card number. */
    static final Pattern PERSONAL =
            Pattern.compile("(?<![0-9])(1[3-9][0-9]{9}|[0-9]{17}[0-9Xx]|[0-9]{15,19})(?![0-9])");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)\\}");

    private final JdbcClient jdbc;
    private final MessageSource messages;
    private final ContactProperties properties;
    private final AuditLog audit;
    private final Clock clock;

    Scripts(JdbcClient jdbc, MessageSource messages, ContactProperties properties, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.messages = messages;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
    }

    /** The topics there are: default, each fraud type but OTHER (which has the default), the follow-up. */
    static List<String> topics() {
        List<String> topics = new ArrayList<>();
        topics.add(DEFAULT);
        for (FraudType type : FraudType.values()) {
            if (type != FraudType.OTHER) {
                topics.add(type.name());
            }
        }
        topics.add(FOLLOW_UP);
        return topics;
    }

    /** The bundle key of a topic's name: the fraud type's, or {@code contact.topic.<topic>}. */
    static String topicKey(String topic) {
        return topic.equals(DEFAULT) || topic.equals(FOLLOW_UP) ? "contact.topic." + topic : "fraud." + topic;
    }

    static boolean isTopic(String topic) {
        return topics().contains(topic);
    }

    /** One version of a text; {@code editedBy} null for version 0, the bundle's. */
    record Version(
            Kind kind,
            String topic,
            int version,
            String body,
            @Nullable String editedBy,
            @Nullable Instant editedAt,
            @Nullable String reason) {}

    /** The text a message or call uses: the template as written, its version and the words filled in. */
    record Text(String topic, int version, String template, String body) {

        /** How the outbox names it: {@code sms/LOAN@3}. */
        String ref(Kind kind) {
            return kind.name().toLowerCase(Locale.ROOT) + "/" + topic + "@" + version;
        }
    }

    /** The text for a warning about this fraud type (its own topic when it has one, else the default). */
    Text forWarning(Kind kind, @Nullable FraudType type) {
        String topic = type == null || type == FraudType.OTHER ? DEFAULT : type.name();
        Version current =
                current(kind, topic).orElseGet(() -> current(kind, DEFAULT).orElseThrow());
        return new Text(current.topic(), current.version(), current.body(), fill(current.body()));
    }

    /** The recovery-scam follow-up's text. */
    Text followUp(Kind kind) {
        Version current = current(kind, FOLLOW_UP).orElseThrow();
        return new Text(FOLLOW_UP, current.version(), current.body(), fill(current.body()));
    }

    /** The newest version of a topic's text, if it has any (the bundle's or a written one). */
    Optional<Version> current(Kind kind, String topic) {
        Optional<Version> written = jdbc.sql("""
                        SELECT s.kind, s.topic, s.version, s.body, st.display_name, s.edited_at, s.reason
                        FROM contact_script s JOIN staff st ON st.id = s.edited_by
                        WHERE s.kind = ? AND s.topic = ? ORDER BY s.version DESC FETCH FIRST 1 ROWS ONLY""")
                .params(kind.name(), topic)
                .query((rs, i) -> version(rs))
                .optional();
        return written.isPresent() ? written : bundled(kind, topic);
    }

    /** Every version of a topic's text, newest first, version 0 (the bundle's) last. */
    List<Version> history(Kind kind, String topic) {
        List<Version> all = new ArrayList<>(jdbc.sql("""
                        SELECT s.kind, s.topic, s.version, s.body, st.display_name, s.edited_at, s.reason
                        FROM contact_script s JOIN staff st ON st.id = s.edited_by
                        WHERE s.kind = ? AND s.topic = ? ORDER BY s.version DESC""")
                .params(kind.name(), topic)
                .query((rs, i) -> version(rs))
                .list());
        bundled(kind, topic).ifPresent(all::add);
        return all;
    }

    private static Version version(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Version(
                Kind.valueOf(rs.getString(1)),
                rs.getString(2),
                rs.getInt(3),
                rs.getString(4),
                rs.getString(5),
                ContactPlans.instant(rs, "edited_at"),
                rs.getString(7));
    }

    private Optional<Version> bundled(Kind kind, String topic) {
        String text = messages.getMessage(kind.bundlePrefix() + topic, null, null, CHINESE);
        return text == null ? Optional.empty() : Optional.of(new Version(kind, topic, 0, text, null, null, null));
    }

    /**
     * Stores a new version written by a province commander (the caller checks who may), audited.
     * Refuses, field by field, a text that is blank or too long, holds a link, an unknown
     * placeholder or what looks like personal data, or names neither the sender nor 96110.
     */
    @Transactional
    Version write(Kind kind, String topic, String body, String reason, long staffId) {
        List<FieldError> errors = new ArrayList<>(check(kind, body, properties.centreName()));
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            errors.add(FieldError.of("reason", "error.required", null));
        } else if (why.length() > 200) {
            errors.add(FieldError.of("reason", "error.maxChars", null, 200));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        String text = body.strip();
        int version = jdbc.sql("SELECT COALESCE(MAX(version), 0) + 1 FROM contact_script WHERE kind = ? AND topic = ?")
                .params(kind.name(), topic)
                .query(Integer.class)
                .single();
        jdbc.sql("""
                        INSERT INTO contact_script (kind, topic, version, body, edited_by, edited_at, reason)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(kind.name(), topic, version, text, staffId, ContactPlans.ts(clock.instant()), why)
                .update();
        audit.record(
                "UPDATE",
                "contact-script",
                kind.name().toLowerCase(Locale.ROOT) + "/" + topic,
                "version " + version + ": " + why);
        return current(kind, topic).orElseThrow();
    }

    /** What is wrong with a text (nothing: an empty list); {@code centreName} may stand for {@code {centre}}. */
    static List<FieldError> check(Kind kind, @Nullable String body, String centreName) {
        List<FieldError> errors = new ArrayList<>();
        String text = body == null ? "" : body.strip();
        if (text.isEmpty()) {
            errors.add(FieldError.of("body", "error.required", null));
            return errors;
        }
        if (text.length() > kind.maxLength) {
            errors.add(FieldError.of("body", "error.maxChars", null, kind.maxLength));
        }
        Matcher link = LINK.matcher(text);
        if (link.find()) {
            errors.add(FieldError.of("body", "contact.script.link", null, link.group()));
        }
        if (PERSONAL.matcher(text).find()) {
            errors.add(FieldError.of("body", "contact.script.personal", null));
        }
        Set<String> unknown = new LinkedHashSet<>();
        Matcher placeholder = PLACEHOLDER.matcher(text);
        while (placeholder.find()) {
            if (!PLACEHOLDERS.contains(placeholder.group(1))) {
                unknown.add("{" + placeholder.group(1) + "}");
            }
        }
        String outside = PLACEHOLDER.matcher(text).replaceAll("");
        if (outside.contains("{") || outside.contains("}")) {
            unknown.add(outside.contains("{") ? "{" : "}");
        }
        if (!unknown.isEmpty()) {
            errors.add(FieldError.of(
                    "body", "contact.script.placeholder", null, String.join(" ", unknown), "{centre} {hotline}"));
        }
        if (!text.contains("{centre}") && !text.contains(centreName)) {
            errors.add(FieldError.of("body", "contact.script.noSender", null));
        }
        if (!text.contains("{hotline}") && !text.contains("96110")) {
            errors.add(FieldError.of("body", "contact.script.noHotline", null));
        }
        return errors;
    }

    String centreName() {
        return properties.centreName();
    }

    String fill(String template) {
        String text = template;
        for (var e :
                Map.of("centre", properties.centreName(), "hotline", "96110").entrySet()) {
            text = text.replace("{" + e.getKey() + "}", e.getValue());
        }
        return text;
    }
}

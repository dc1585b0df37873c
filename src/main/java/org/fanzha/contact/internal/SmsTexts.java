package org.fanzha.contact.internal;

import java.util.Locale;
import java.util.Map;
import org.fanzha.contact.ContactProperties;
import org.fanzha.platform.FraudType;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The words of a warning SMS: a template per fraud type ({@code contact.sms.<TYPE>} in the
 * Chinese bundle, {@code contact.sms.default} for the rest) with the named placeholders
 * {@code {centre}} and {@code {hotline}}. A template names the sender and 96110, carries no link
 * (genuine warnings never do; fraud messages do) and nobody's personal data.
 */
@Component
class SmsTexts {

    static final java.util.Set<String> PLACEHOLDERS = java.util.Set.of("centre", "hotline");
    private static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

    private final MessageSource messages;
    private final ContactProperties properties;

    SmsTexts(MessageSource messages, ContactProperties properties) {
        this.messages = messages;
        this.properties = properties;
    }

    /** The template's key and the text it gives for a warning about this fraud type. */
    record Text(String template, String body) {}

    Text warning(@Nullable FraudType type) {
        String key = type == null ? "contact.sms.default" : "contact.sms." + type.name();
        String template = messages.getMessage(key, null, null, CHINESE);
        if (template == null) {
            key = "contact.sms.default";
            template = messages.getMessage(key, null, CHINESE);
        }
        return new Text(key, fill(template));
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

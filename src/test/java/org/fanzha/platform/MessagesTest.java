package org.fanzha.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/** What the bundles say in front of a user. */
class MessagesTest {

    static ResourceBundleMessageSource bundles() {
        var source = new ResourceBundleMessageSource();
        source.setBasename("messages");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }

    @Test
    void recordIdsCarryNoThousandsSeparators() {
        var messages = bundles();
        assertThat(messages.getMessage("warning.title", new Object[] {12345L}, Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("预警 12345");
        assertThat(messages.getMessage("cases.case", new Object[] {2001L}, Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("案件 2001");
        assertThat(messages.getMessage("hotline.task", new Object[] {1000L}, Locale.ENGLISH))
                .isEqualTo("Task 1000");
    }

    @Test
    void everyChineseKeyHasAnEnglishOne() throws Exception {
        var zh = new java.util.Properties();
        var en = new java.util.Properties();
        try (var a = MessagesTest.class.getResourceAsStream("/messages.properties");
                var b = MessagesTest.class.getResourceAsStream("/messages_en.properties")) {
            zh.load(new java.io.InputStreamReader(a, java.nio.charset.StandardCharsets.UTF_8));
            en.load(new java.io.InputStreamReader(b, java.nio.charset.StandardCharsets.UTF_8));
        }
        assertThat(en.keySet()).containsAll(zh.keySet());
    }

    @Test
    void apostrophesAreWrittenAsMessageFormatReadsThem() throws Exception {
        // a message with arguments goes through MessageFormat ('' for one '); one without is shown as written
        for (String name : java.util.List.of("/messages.properties", "/messages_en.properties")) {
            var p = new java.util.Properties();
            try (var in = MessagesTest.class.getResourceAsStream(name)) {
                p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
            }
            java.util.List<String> wrong = new java.util.ArrayList<>();
            p.forEach((k, v) -> {
                String text = v.toString();
                boolean formatted = text.matches("(?s).*\\{\\d.*");
                if (formatted ? text.replace("''", "").contains("'") : text.contains("''")) {
                    wrong.add(k.toString());
                }
            });
            assertThat(wrong).as(name).isEmpty();
        }
    }
}

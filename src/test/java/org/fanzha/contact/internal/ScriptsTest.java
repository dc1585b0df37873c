package org.fanzha.contact.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.fanzha.platform.FieldError;
import org.junit.jupiter.api.Test;

/** What a warning text or call script may hold: the sender and 96110, no link, no personal data, known placeholders. */
class ScriptsTest {

    static final String CENTRE = "河南省公安厅反诈中心";

    static List<String> problems(Scripts.Kind kind, String text) {
        return Scripts.check(kind, text, CENTRE).stream()
                .map(FieldError::message)
                .toList();
    }

    @Test
    void theBundledTextsPassTheirOwnRules() throws Exception {
        var zh = new java.util.Properties();
        try (var in = ScriptsTest.class.getResourceAsStream("/messages.properties")) {
            zh.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        for (String topic : Scripts.topics()) {
            for (Scripts.Kind kind : Scripts.Kind.values()) {
                String text = zh.getProperty(kind.bundlePrefix() + topic);
                if (topic.equals(Scripts.DEFAULT) || topic.equals(Scripts.FOLLOW_UP) || kind == Scripts.Kind.CALL) {
                    assertThat(text).as(kind + " " + topic).isNotNull();
                }
                if (text != null) {
                    assertThat(problems(kind, text)).as(kind + " " + topic).isEmpty();
                }
            }
        }
    }

    @Test
    void aLinkInAnyFormIsRefused() {
        for (String link : List.of(
                "http://a.cn",
                "https://pay.example/x",
                "www.abc.com",
                "点击 t.cn/A6x 领取",
                "abc-refund.top",
                "weixin://dl")) {
            assertThat(problems(Scripts.Kind.SMS, "【{centre}】" + link + " 请拨打{hotline}"))
                    .as(link)
                    .contains("contact.script.link");
        }
        assertThat(problems(Scripts.Kind.SMS, "【{centre}】请拨打{hotline}或110，v1.2 版"))
                .isEmpty();
    }

    @Test
    void personalDataAndUnknownPlaceholdersAreRefused() {
        assertThat(problems(Scripts.Kind.SMS, "【{centre}】请联系13937900000，或拨打{hotline}"))
                .containsExactly("contact.script.personal");
        assertThat(problems(Scripts.Kind.CALL, "{centre}：身份证41010519900101123X，{hotline}"))
                .containsExactly("contact.script.personal");
        assertThat(problems(Scripts.Kind.SMS, "【{centre}】{name}您好，请拨打{hotline}"))
                .containsExactly("contact.script.placeholder");
        assertThat(problems(Scripts.Kind.SMS, "【{centre}】您好 {hotline")).contains("contact.script.placeholder");
        var unknown = Scripts.check(Scripts.Kind.SMS, "【{centre}】{name}{phone}请拨打{hotline}", CENTRE)
                .get(0);
        assertThat(unknown.message(Locale.SIMPLIFIED_CHINESE)).contains("{name} {phone}", "{centre} {hotline}");
    }

    @Test
    void aTextNamesTheSenderAnd96110AndFitsItsLength() {
        assertThat(problems(Scripts.Kind.SMS, "您好，请勿转账。"))
                .containsExactly("contact.script.noSender", "contact.script.noHotline");
        assertThat(problems(Scripts.Kind.SMS, CENTRE + "提醒：请勿转账，咨询96110。")).isEmpty();
        assertThat(problems(Scripts.Kind.SMS, "【{centre}】" + "请".repeat(330) + "{hotline}"))
                .containsExactly("error.maxChars");
        assertThat(problems(Scripts.Kind.CALL, "{centre}" + "请".repeat(330) + "{hotline}"))
                .isEmpty();
        assertThat(problems(Scripts.Kind.SMS, "   ")).containsExactly("error.required");
    }

    @Test
    void callableNumbersAreDomesticMobilesAndFixedLines() {
        assertThat(Mobiles.isCallable("13937900000")).isTrue();
        assertThat(Mobiles.isCallable("037166666666")).isTrue();
        assertThat(Mobiles.isMobile("037166666666")).isFalse();
        assertThat(Mobiles.isCallable("+85261234567")).isFalse();
        assertThat(Mobiles.isCallable("10086")).isFalse();
        assertThat(Mobiles.isCallable("12345678901")).isFalse();
    }
}

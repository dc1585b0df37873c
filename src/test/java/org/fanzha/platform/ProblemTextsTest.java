package org.fanzha.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Chinese first for what a refused request says: every problem and field error is a bundle key
 * that both bundles hold, never an English sentence in Java, and every field it names has a label.
 */
class ProblemTextsTest {

    private static final Path SOURCES = Path.of("src/main/java");

    static Properties bundle(String name) throws IOException {
        Properties p = new Properties();
        try (var in = ProblemTextsTest.class.getResourceAsStream("/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    static List<String> sources() throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                out.add(f + "\n" + Files.readString(f));
            }
        }
        return out;
    }

    @Test
    void everyKeyTheCodeNamesIsInBothBundles() throws IOException {
        Properties zh = bundle("messages.properties");
        Properties en = bundle("messages_en.properties");
        Pattern key = Pattern.compile("\"((?:error|problem)\\.[A-Za-z0-9.]+)\"");
        TreeSet<String> missing = new TreeSet<>();
        int seen = 0;
        for (String source : sources()) {
            Matcher m = key.matcher(source);
            while (m.find()) {
                seen++;
                String k = m.group(1);
                boolean held = (zh.containsKey(k) && en.containsKey(k))
                        || (zh.containsKey(k + ".title") && en.containsKey(k + ".detail")); // a title and detail pair
                if (!held) {
                    missing.add(m.group(1));
                }
            }
        }
        assertThat(seen).isGreaterThan(300);
        assertThat(missing).isEmpty();
    }

    @Test
    void noRefusalIsAnEnglishSentenceInJava() throws IOException {
        Pattern sentence = Pattern.compile(
                "new (?:[A-Za-z.]*\\.)?(?:FieldError|InvalidInput|Forbidden|WrongState|ReturnRefused|[A-Za-z]*NotFound"
                        + "|InvalidName|InvalidIdentifier|InvalidIdNumber|InvalidPhoneNumber|InvalidDivisionCode)\\(\\s*"
                        + "(?:(?:\"[^\"]*\"|[^,()\"]+),\\s*)?\"[^\"]*[a-z] [a-z][^\"]*\"");
        List<String> found = new ArrayList<>();
        for (String source : sources()) {
            Matcher m = sentence.matcher(source);
            while (m.find()) {
                found.add(source.substring(0, source.indexOf('\n')) + ": " + m.group());
            }
        }
        assertThat(found).isEmpty();
    }

    @Test
    void everyFieldARefusalNamesHasALabel() throws IOException {
        Properties zh = bundle("messages.properties");
        Properties en = bundle("messages_en.properties");
        Pattern field = Pattern.compile(
                "(?:new (?:FieldError|InvalidInput)|FieldError\\.of|InvalidInput\\.of|\\.at|\\.asInput)\\(\\s*\"([A-Za-z.\\[\\]0-9]+)\"");
        TreeSet<String> unlabelled = new TreeSet<>();
        for (String source : sources()) {
            Matcher m = field.matcher(source);
            while (m.find()) {
                for (String part : m.group(1).replaceAll("\\[[0-9]*]?", "").split("\\.")) {
                    if (!part.isEmpty() && (!zh.containsKey("field." + part) || !en.containsKey("field." + part))) {
                        unlabelled.add(part);
                    }
                }
            }
        }
        assertThat(unlabelled).isEmpty();
    }

    @Test
    void aPageReadsTheRefusalInItsLanguageWithTheFormsLabels() {
        InvalidInput refused = new InvalidInput(List.of(
                FieldError.of("transfers[1].amount", "error.moreThan0AtMostTwo", "-5"),
                FieldError.of("note", "error.maxChars", null, 1000)));
        assertThat(refused.summary(Locale.SIMPLIFIED_CHINESE)).isEqualTo("转账 2 · 金额：应大于 0，最多两位小数，单位元；备注：最多 1000 个字");
        assertThat(refused.summary(Locale.ENGLISH))
                .isEqualTo(
                        "transfer 2 · amount: more than 0, at most two decimals, yuan; note: at most 1000 characters");
        // a partner's problem detail: field paths as sent, messages resolved, in English by default
        var body = refused.localized(Locale.ENGLISH);
        assertThat(body.getTitle()).isEqualTo("Invalid input");
        assertThat(body.getDetail()).isEqualTo("2 fields are invalid: transfers[1].amount, note.");
        assertThat(body.getProperties().get("errors").toString())
                .contains("transfers[1].amount", "more than 0, at most two decimals, yuan");
        assertThat(refused.localized(Locale.SIMPLIFIED_CHINESE).getDetail())
                .isEqualTo("2 项内容有误：transfers[1].amount, note。");
    }

    @Test
    void aNestedWordIsReadInTheSameLanguage() {
        Forbidden refused = new Forbidden("problem.forbidden.permission", Texts.key("permission.FUNDS_REQUEST"));
        assertThat(refused.summary(Locale.SIMPLIFIED_CHINESE)).isEqualTo("此操作需要“止付冻结”权限。");
        assertThat(refused.summary(Locale.ENGLISH)).isEqualTo("This action needs the permission funds:request.");
        assertThat(refused.getMessage()).isEqualTo("This action needs the permission funds:request.");
    }

    @Test
    void aStoredTextIsReadInEachReadersLanguage() {
        String stored = Texts.join(
                Texts.encode("route.via.phone+idNumber"),
                Texts.encode("route.geocoder", "河南省开封市"),
                Texts.encode("route.alsoIdIssued", "杞县"));
        assertThat(Texts.decode(stored, Locale.SIMPLIFIED_CHINESE)).isEqualTo("电话号码和身份证号；号码归属地 河南省开封市；身份证签发于 杞县");
        assertThat(Texts.decode(stored, Locale.ENGLISH))
                .isEqualTo("phone and ID number; geocoder: 河南省开封市; ID issued in 杞县");
        // a nested word, and words stored before texts were keys, as they are
        assertThat(Texts.decode(
                        Texts.encode("warning.why.notAcknowledged", "金水区", "#urgency.RED"), Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("金水区未在红色预警时限内签收");
        assertThat(Texts.decode("number segment 1370371", Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("number segment 1370371");
    }
}

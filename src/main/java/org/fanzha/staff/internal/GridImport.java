package org.fanzha.staff.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fanzha.platform.Actor;
import org.fanzha.platform.InvalidInput;
import org.fanzha.platform.ProblemException;
import org.fanzha.platform.Spreadsheets;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The grid roster as the counties keep it, an .xlsx sheet with a header row: 区划代码 (the village
 * or township), 社区民警 (the officer's username), 网格员 and 网格员手机 (a grid member). A row may
 * name an officer, a member or both; each row stands alone (a bad one is listed with its line and
 * reason, the good ones are kept).
 */
@Component
class GridImport {

    static final int MAX_ROWS = 20_000;
    static final Map<String, String> COLUMNS = Map.ofEntries(
            Map.entry("区划代码", "divisionCode"),
            Map.entry("divisioncode", "divisionCode"),
            Map.entry("社区民警", "officer"),
            Map.entry("社区民警账号", "officer"),
            Map.entry("officer", "officer"),
            Map.entry("网格员", "memberName"),
            Map.entry("网格员姓名", "memberName"),
            Map.entry("membername", "memberName"),
            Map.entry("网格员手机", "memberPhone"),
            Map.entry("网格员电话", "memberPhone"),
            Map.entry("memberphone", "memberPhone"));

    private final GridPosts posts;
    private final TransactionTemplate perRow;

    GridImport(GridPosts posts, PlatformTransactionManager transactions) {
        this.posts = posts;
        this.perRow = new TransactionTemplate(transactions);
        perRow.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    record Rejected(int line, String reason) {}

    record Report(int imported, List<Rejected> rejected) {}

    Report importXlsx(InputStream in, Actor actor, Locale locale) throws IOException {
        List<Spreadsheets.Line> lines = Spreadsheets.rows(in, COLUMNS, "divisionCode", MAX_ROWS);
        if (lines.size() > MAX_ROWS) {
            throw InvalidInput.of("file", "error.atMostRows", null, MAX_ROWS);
        }
        int imported = 0;
        List<Rejected> rejected = new ArrayList<>();
        for (Spreadsheets.Line line : lines) {
            String code = line.values().getOrDefault("divisionCode", "");
            String officer = line.values().getOrDefault("officer", "");
            String name = line.values().getOrDefault("memberName", "");
            String phone = line.values().getOrDefault("memberPhone", "");
            if (officer.isBlank() && name.isBlank() && phone.isBlank()) {
                rejected.add(new Rejected(
                        line.number(), org.fanzha.platform.Texts.resolve("error.grid.emptyRow", List.of(), locale)));
                continue;
            }
            try {
                perRow.executeWithoutResult(status -> {
                    if (!officer.isBlank()) {
                        posts.assignOfficer(code, officer, actor);
                    }
                    if (!name.isBlank() || !phone.isBlank()) {
                        posts.addMember(code, name, phone, actor);
                    }
                });
                imported++;
            } catch (ProblemException e) {
                rejected.add(new Rejected(line.number(), e.summary(locale)));
            }
        }
        return new Report(imported, rejected);
    }
}

package org.fanzha.warning.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.fanzha.warning.Urgency;
import org.fanzha.warning.WarningProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * 重复受害: a person whose warning closed defrauded, insisting or dissuaded within the window
 * (90 days) is graded a level higher when a new lead comes for them, by the named rule {@code
 * repeat-target}, whatever rule graded the lead first. Found by phone or ID number, for a whole
 * bulk chunk in one query per thousand.
 */
@Component
class RepeatTargets {

    static final String RULE = "repeat-target";

    private final JdbcClient jdbc;
    private final WarningProperties.RepeatTarget settings;

    RepeatTargets(JdbcClient jdbc, WarningProperties properties) {
        this.jdbc = jdbc;
        this.settings = properties.repeatTarget();
    }

    /** The grade, a level higher for a repeat target (red stays red, under its own rule). */
    UrgencyPolicy.Grade adjust(UrgencyPolicy.Grade grade, LeadInput lead, Set<String> repeats) {
        boolean repeat = repeats.contains(lead.phone())
                || (lead.idNumber() != null && repeats.contains("id:" + lead.idNumber()));
        if (!repeat || grade.urgency() == Urgency.RED) {
            return grade;
        }
        return new UrgencyPolicy.Grade(grade.urgency().raised(), RULE);
    }

    /** Which of these leads' people are repeat targets: their phones, and their ID numbers as {@code id:…}. */
    Set<String> among(Collection<LeadInput> leads, Instant now) {
        Set<String> found = new HashSet<>();
        if (settings.outcomes().isEmpty() || leads.isEmpty()) {
            return found;
        }
        List<String> outcomes = settings.outcomes().stream().map(Enum::name).toList();
        Timestamp since = Timestamp.from(now.minus(settings.window()));
        List<String> phones =
                new ArrayList<>(leads.stream().map(LeadInput::phone).distinct().toList());
        List<String> ids = new ArrayList<>(leads.stream()
                .map(LeadInput::idNumber)
                .filter(java.util.Objects::nonNull)
                .distinct()
                .toList());
        closedAmong("phone", phones, outcomes, since).forEach(found::add);
        closedAmong("id_number", ids, outcomes, since).forEach(id -> found.add("id:" + id));
        return found;
    }

    /** The values of a column (phone or id_number) among these whose warning closed so since then. */
    private List<String> closedAmong(String column, List<String> values, List<String> outcomes, Timestamp since) {
        List<String> out = new ArrayList<>();
        for (int from = 0; from < values.size(); from += 1000) {
            out.addAll(jdbc.sql("SELECT DISTINCT " + column + " FROM warning WHERE state = 'CLOSED'"
                            + " AND outcome IN (:outcomes) AND closed_at >= :since AND " + column + " IN (:values)")
                    .param("outcomes", outcomes)
                    .param("since", since)
                    .param("values", values.subList(from, Math.min(values.size(), from + 1000)))
                    .query(String.class)
                    .list());
        }
        return out;
    }
}

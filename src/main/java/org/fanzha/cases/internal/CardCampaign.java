package org.fanzha.cases.internal;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fanzha.audit.AuditLog;
import org.fanzha.divisions.Divisions;
import org.fanzha.platform.Actor;
import org.fanzha.platform.InvalidInput;
import org.fanzha.platform.Masking;
import org.fanzha.platform.ProblemException;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The other half of one case, two investigations (一案双查): outlets that opened many fraud cards
 * get a review task for the unit that covers them, which records whether an insider was involved;
 * brokers (卡头) are found where owners name the same recruiter, and bursts where one outlet opened
 * several fraud cards within days.
 */
@Service
class CardCampaign {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    static class ReviewNotFound extends ProblemException {
        ReviewNotFound(long id) {
            super(
                    HttpStatus.NOT_FOUND,
                    "review-not-found",
                    "problem.notFound.title",
                    "problem.reviewNotFound.detail",
                    args(id),
                    java.util.Map.of());
        }
    }

    record Review(
            long id,
            String outletCode,
            String unitCode,
            LocalDate from,
            LocalDate to,
            int fraudCards,
            String state,
            @Nullable Boolean insiderInvolved,
            @Nullable String note) {}

    record Broker(String recruiter, long owners, long cards, long cases, boolean suspect) {}

    /** A burst, with the recruiters its owners named: several owners of one burst naming one recruiter point at the person behind it. */
    record Burst(String outletCode, LocalDate from, LocalDate to, int cards, List<String> recruiters) {}

    record Node(String id, String name, String category) {}

    record Edge(String source, String target) {}

    /** The network as far as it is the actor's; {@code outsideCards} counts the recruiter's cards elsewhere. */
    record Network(List<Node> nodes, List<Edge> links, long outsideCards) {}

    private final JdbcClient jdbc;
    private final CardRegistry cards;
    private final Divisions divisions;
    private final AuditLog audit;
    private final Clock clock;
    private final int reviewThreshold;

    CardCampaign(
            JdbcClient jdbc,
            CardRegistry cards,
            Divisions divisions,
            AuditLog audit,
            Clock clock,
            @Value("${fanzha.cards.outlet-review-threshold:5}") int reviewThreshold) {
        this.jdbc = jdbc;
        this.cards = cards;
        this.divisions = divisions;
        this.audit = audit;
        this.clock = clock;
        this.reviewThreshold = reviewThreshold;
    }

    static Review review(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        boolean insider = rs.getBoolean("insider_involved");
        Boolean insiderOrNull = rs.wasNull() ? null : insider;
        return new Review(
                rs.getLong("id"),
                rs.getString("outlet_code"),
                rs.getString("unit_code"),
                rs.getDate("period_from").toLocalDate(),
                rs.getDate("period_to").toLocalDate(),
                rs.getInt("fraud_cards"),
                rs.getString("state"),
                insiderOrNull,
                rs.getString("note"));
    }

    private String unitOf(@Nullable String division, String fallback) {
        String code = division;
        while (code != null) {
            var d = divisions.find(code);
            if (d.isPresent() && d.get().unit()) {
                return d.get().code();
            }
            code = d.map(x -> x.parentCode()).orElse(null);
        }
        return fallback;
    }

    /** Review tasks for the outlets at or above the threshold in the period (none twice while one is open). */
    @Transactional
    List<Review> generateReviews(LocalDate from, LocalDate to, @Nullable Integer threshold, Actor actor) {
        int min = threshold == null ? reviewThreshold : threshold;
        if (min < 1) {
            throw new InvalidInput("threshold", "error.atLeast1", min);
        }
        List<Review> created = new ArrayList<>();
        var ranking = cards.ranking(
                from.atStartOfDay(CHINA).toInstant(),
                to.plusDays(1).atStartOfDay(CHINA).toInstant(),
                10_000);
        for (var outlet : ranking) {
            if (outlet.cards() < min) {
                break;
            }
            String unit = unitOf(outlet.divisionCode(), "41");
            if (!actor.covers(unit)) {
                continue;
            }
            boolean open = jdbc.sql("SELECT COUNT(*) FROM outlet_review WHERE outlet_code = ? AND state = 'OPEN'")
                            .param(outlet.code())
                            .query(Long.class)
                            .single()
                    > 0;
            if (open) {
                continue;
            }
            var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
            jdbc.sql("""
                            INSERT INTO outlet_review (outlet_code, unit_code, period_from, period_to, fraud_cards, state, created_at)
                            VALUES (?, ?, ?, ?, ?, 'OPEN', ?)""")
                    .params(
                            outlet.code(),
                            unit,
                            Date.valueOf(from),
                            Date.valueOf(to),
                            outlet.cards(),
                            Timestamp.from(clock.instant()))
                    .update(keys, "id");
            long id = keys.getKeyAs(Number.class).longValue();
            audit.record(
                    "CREATE",
                    "outlet_review",
                    Long.toString(id),
                    outlet.code() + ": " + outlet.cards() + " fraud cards");
            created.add(jdbc.sql("SELECT * FROM outlet_review WHERE id = ?")
                    .param(id)
                    .query(CardCampaign::review)
                    .single());
        }
        return created;
    }

    List<Review> reviews(Actor actor, @Nullable String state) {
        return jdbc.sql("""
                        SELECT * FROM outlet_review WHERE unit_code LIKE ? AND (CAST(? AS VARCHAR(10)) IS NULL OR state = ?)
                        ORDER BY state DESC, fraud_cards DESC LIMIT 500""")
                .params(actor.unitCode() + "%", state, state)
                .query(CardCampaign::review)
                .list();
    }

    @Transactional
    Review reviewResult(long id, @Nullable Boolean insiderInvolved, @Nullable String note, Actor actor) {
        var r = jdbc.sql("SELECT * FROM outlet_review WHERE id = ? FOR UPDATE")
                .param(id)
                .query(CardCampaign::review)
                .optional()
                .filter(x -> actor.covers(x.unitCode()))
                .orElseThrow(() -> new ReviewNotFound(id));
        if (!r.state().equals("OPEN")) {
            throw new CreditRestrictions.WrongState("problem.review.done", id);
        }
        if (insiderInvolved == null) {
            throw new InvalidInput("insiderInvolved", "error.trueFalseWasInsiderOutletInvolved", null);
        }
        if (note == null || note.isBlank() || note.length() > 2000) {
            throw new InvalidInput("note", "error.whatReviewFoundAtMost2", null);
        }
        jdbc.sql(
                        "UPDATE outlet_review SET state = 'DONE', insider_involved = ?, note = ?, done_by = ?, done_at = ? WHERE id = ?")
                .params(insiderInvolved, note.strip(), actor.name(), Timestamp.from(clock.instant()), id)
                .update();
        audit.record("REVIEW", "outlet_review", Long.toString(id), insiderInvolved ? "insider involved" : "no insider");
        return jdbc.sql("SELECT * FROM outlet_review WHERE id = ?")
                .param(id)
                .query(CardCampaign::review)
                .single();
    }

    /**
     * The jurisdiction rule for fraud cards: a card is the actor's when one of its verifications
     * is routed to a unit of the actor's subtree or one of its cases is held there.
     */
    static final String CARD_IN_JURISDICTION = """
            (EXISTS (SELECT 1 FROM card_verification jv WHERE jv.card_id = c.id AND jv.unit_code LIKE :unit)
             OR EXISTS (SELECT 1 FROM case_card jc JOIN fraud_case jf ON jf.id = jc.case_id
                        WHERE jc.card_id = c.id AND jf.unit_code LIKE :unit))""";

    /**
     * Recruiters named by two or more owners (across the province: a broker works across counties)
     * who stand behind at least one card of the actor's jurisdiction; the counts are totals.
     */
    List<Broker> brokers(int minOwners, Actor actor) {
        return jdbc.sql("""
                        SELECT v.recruiter, COUNT(DISTINCT c.owner_id_number) AS owners, COUNT(DISTINCT c.id) AS cards,
                            COUNT(DISTINCT cc.case_id) AS cases, MAX(CASE WHEN b.suspect THEN 1 ELSE 0 END) AS suspect
                        FROM card_verification v JOIN card c ON c.id = v.card_id
                        LEFT JOIN case_card cc ON cc.card_id = c.id
                        LEFT JOIN broker b ON b.recruiter = v.recruiter
                        WHERE v.recruiter IS NOT NULL
                          AND v.recruiter IN (SELECT v2.recruiter FROM card_verification v2 JOIN card c ON c.id = v2.card_id
                                              WHERE v2.recruiter IS NOT NULL AND """ + CARD_IN_JURISDICTION + """
                                              )
                        GROUP BY v.recruiter HAVING COUNT(DISTINCT c.owner_id_number) >= :min
                        ORDER BY cards DESC, v.recruiter LIMIT 500""")
                .param("min", minOwners)
                .param("unit", actor.unitCode() + "%")
                .query((rs, i) -> new Broker(
                        rs.getString("recruiter"),
                        rs.getLong("owners"),
                        rs.getLong("cards"),
                        rs.getLong("cases"),
                        rs.getInt("suspect") == 1))
                .list();
    }

    /**
     * The owner–card–case network behind a recruiter, as far as it lies in the actor's
     * jurisdiction: owners and cards masked, node ids opaque (a running number, never an ID
     * number), the cards outside only counted.
     */
    Network network(String recruiter, Actor actor) {
        List<Node> nodes = new ArrayList<>();
        List<Edge> links = new ArrayList<>();
        Map<String, String> owners = new LinkedHashMap<>();
        Map<String, Boolean> seen = new LinkedHashMap<>();
        String root = "r";
        nodes.add(new Node(root, maskRecruiter(recruiter), "BROKER"));
        String unit = actor.unitCode() + "%";
        jdbc.sql("""
                        SELECT c.id AS card_id, c.kind, c.card_number, c.owner_id_number, c.owner_name, cc.case_id, f.case_number,
                            f.unit_code AS case_unit
                        FROM card_verification v JOIN card c ON c.id = v.card_id
                        LEFT JOIN case_card cc ON cc.card_id = c.id LEFT JOIN fraud_case f ON f.id = cc.case_id
                        WHERE v.recruiter = :recruiter AND """ + CARD_IN_JURISDICTION + """
                        ORDER BY c.id, cc.case_id""")
                .param("recruiter", recruiter)
                .param("unit", unit)
                .query(rs -> {
                    String ownerKey = String.valueOf(rs.getString("owner_id_number"));
                    String owner = owners.computeIfAbsent(ownerKey, k -> "o" + (owners.size() + 1));
                    String card = "k" + rs.getLong("card_id");
                    if (seen.putIfAbsent(owner, true) == null) {
                        String name = Masking.name(rs.getString("owner_name"));
                        nodes.add(new Node(owner, name == null ? "" : name, "OWNER"));
                        links.add(new Edge(root, owner));
                    }
                    if (seen.putIfAbsent(card, true) == null) {
                        String number = rs.getString("card_number");
                        nodes.add(new Node(
                                card,
                                String.valueOf(
                                        "SIM".equals(rs.getString("kind"))
                                                ? Masking.phone(number)
                                                : Masking.cardNumber(number)),
                                rs.getString("kind")));
                        links.add(new Edge(owner, card));
                    }
                    long caseId = rs.getLong("case_id");
                    String caseUnit = rs.getString("case_unit");
                    if (!rs.wasNull() && caseUnit != null && actor.covers(caseUnit)) {
                        String node = "c" + caseId;
                        if (seen.putIfAbsent(node, true) == null) {
                            String number = rs.getString("case_number");
                            nodes.add(new Node(node, number == null ? "#" + caseId : number, "CASE"));
                        }
                        links.add(new Edge(card, node));
                    }
                });
        long all = jdbc.sql("SELECT COUNT(DISTINCT v.card_id) FROM card_verification v WHERE v.recruiter = ?")
                .param(recruiter)
                .query(Long.class)
                .single();
        long shown = seen.keySet().stream().filter(k -> k.startsWith("k")).count();
        return new Network(nodes, links.stream().distinct().toList(), all - shown);
    }

    /** A recruiter is a phone number or a name as the owner gave it: masked like either. */
    static String maskRecruiter(String recruiter) {
        if (recruiter.startsWith("+86")) {
            return "+86" + Masking.phone(recruiter.substring(3));
        }
        if (recruiter.chars().allMatch(Character::isDigit)) {
            return String.valueOf(Masking.phone(recruiter));
        }
        return String.valueOf(Masking.name(recruiter));
    }

    @Transactional
    void markSuspect(String recruiter, @Nullable String note, Actor actor) {
        java.util.List<org.fanzha.platform.FieldError> errors = new ArrayList<>();
        if (recruiter.isBlank() || recruiter.length() > 100) {
            errors.add(new org.fanzha.platform.FieldError("recruiter", "error.recruiterKnown", null));
        }
        if (note != null && note.length() > 1000) {
            errors.add(new org.fanzha.platform.FieldError("note", "error.atMost1000Characters", null));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        jdbc.sql("DELETE FROM broker WHERE recruiter = ?").param(recruiter).update();
        jdbc.sql("INSERT INTO broker (recruiter, suspect, marked_by, marked_at, note) VALUES (?, TRUE, ?, ?, ?)")
                .params(recruiter, actor.name(), Timestamp.from(clock.instant()), note)
                .update();
        audit.record("SUSPECT", "broker", recruiter, note == null ? "" : note);
    }

    /** One outlet opening several fraud cards within a few days: a burst, likely one broker behind it. */
    List<Burst> bursts(int minCards, int withinDays) {
        Map<String, List<Object[]>> byOutlet = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT c.outlet_code, c.opened_on, (SELECT MAX(v.recruiter) FROM card_verification v WHERE v.card_id = c.id)
                        FROM card c
                        WHERE c.outlet_code IS NOT NULL AND c.opened_on IS NOT NULL
                          AND EXISTS (SELECT 1 FROM case_card cc WHERE cc.card_id = c.id)
                        ORDER BY c.outlet_code, c.opened_on""").query(rs -> {
            byOutlet.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                    .add(new Object[] {rs.getDate(2).toLocalDate(), rs.getString(3)});
        });
        List<Burst> bursts = new ArrayList<>();
        byOutlet.forEach((outlet, cards) -> {
            int start = 0;
            int best = 0;
            int bestStart = 0;
            int bestEnd = 0;
            for (int end = 0; end < cards.size(); end++) {
                while (((LocalDate) cards.get(end)[0])
                        .isAfter(((LocalDate) cards.get(start)[0]).plusDays(withinDays - 1L))) {
                    start++;
                }
                if (end - start + 1 > best) {
                    best = end - start + 1;
                    bestStart = start;
                    bestEnd = end;
                }
            }
            if (best >= minCards) {
                java.util.TreeSet<String> recruiters = new java.util.TreeSet<>();
                for (int i = bestStart; i <= bestEnd; i++) {
                    if (cards.get(i)[1] != null) {
                        recruiters.add((String) cards.get(i)[1]);
                    }
                }
                bursts.add(new Burst(
                        outlet,
                        (LocalDate) cards.get(bestStart)[0],
                        (LocalDate) cards.get(bestEnd)[0],
                        best,
                        List.copyOf(recruiters)));
            }
        });
        bursts.sort((a, b) -> Integer.compare(b.cards(), a.cards()));
        return bursts;
    }
}

package org.fanzha.risk.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fanzha.cases.IdentifierType;
import org.fanzha.cases.Identifiers;
import org.fanzha.platform.Actor;
import org.fanzha.platform.Actors;
import org.fanzha.platform.FieldError;
import org.fanzha.platform.Forbidden;
import org.fanzha.platform.FraudType;
import org.fanzha.platform.InvalidInput;
import org.fanzha.platform.Permission;
import org.fanzha.risk.RiskAction;
import org.fanzha.risk.RiskLevel;
import org.fanzha.risk.RiskType;
import org.fanzha.risk.SightingKind;
import org.jspecify.annotations.Nullable;

/** Risk entries for staff, for the API and the pages: search by any form of a value, an entry explained, the review queue, reviews. */
@org.springframework.stereotype.Service
class RiskReads {

    /** A sighting as staff see it: its source is linked only within the viewer's jurisdiction. */
    record SightingView(
            SightingKind kind,
            Instant at,
            String refType,
            @Nullable String refId,
            @Nullable String unitCode,
            @Nullable FraudType fraudType,
            boolean receiving) {}

    /** An entry explained: level and since, the deciding rule, sightings counted by kind, the review. */
    record EntryView(
            long id,
            String type,
            String value,
            RiskLevel level,
            RiskAction action,
            String rule,
            int decayed,
            @Nullable FraudType category,
            Instant since,
            Instant firstSeen,
            Instant lastSeen,
            Map<SightingKind, Integer> sightings,
            @Nullable RiskLevel reviewedLevel,
            @Nullable String reviewedBy,
            @Nullable Instant reviewedAt,
            @Nullable String reviewReason,
            @Nullable Instant reviewExpiresAt,
            @Nullable String queue,
            @Nullable Instant nextCheckAt,
            long serial) {}

    record EntryDetail(EntryView entry, List<SightingView> recentSightings, List<RiskStore.Event> history) {}

    record ReviewRequest(
            @Nullable String level,
            @Nullable String reason,
            @Nullable Integer validDays) {}

    private final RiskStore store;
    private final RiskEntries entries;

    RiskReads(RiskStore store, RiskEntries entries) {
        this.store = store;
        this.entries = entries;
    }

    static EntryView view(RiskStore.Entry e, Map<SightingKind, Integer> counts) {
        return new EntryView(
                e.id(),
                RiskController.type(e.type()),
                e.value(),
                e.level(),
                e.level().action(),
                e.rule().code(),
                e.decayed(),
                e.category(),
                e.levelSince(),
                e.firstSeen(),
                e.lastSeen(),
                counts,
                e.reviewedLevel(),
                e.reviewedBy(),
                e.reviewedAt(),
                e.reviewReason(),
                e.reviewExpiresAt(),
                e.queue() == null ? null : e.queue().name(),
                e.nextCheckAt(),
                e.serial());
    }

    /** The entries a value may be, in any type it parses as (or the one type given). */
    List<EntryView> search(String value, @Nullable String type) {
        Actors.requirePermission(Permission.RISK_CHECK);
        if (value.isBlank() || value.length() > 300) {
            throw InvalidInput.of("value", "error.riskSearchValue", null, 300);
        }
        List<RiskType> types = new ArrayList<>();
        if (type != null && !type.isBlank()) {
            types.add(RiskType.parse(type)
                    .filter(t -> !t.site())
                    .orElseThrow(
                            () -> new InvalidInput("type", "error.riskListedType", type.length() > 50 ? null : type)));
        } else {
            for (RiskType t : RiskType.values()) {
                if (!t.site()) {
                    types.add(t);
                }
            }
        }
        Map<String, List<IdentifierType>> byValue = new java.util.LinkedHashMap<>();
        for (RiskType t : types) {
            try {
                var id = Identifiers.normalise(t.identifier(), value);
                byValue.computeIfAbsent(id.value(), k -> new ArrayList<>()).add(id.type());
            } catch (Identifiers.InvalidIdentifier e) {
                // not this type
            }
        }
        List<EntryView> out = new ArrayList<>();
        byValue.forEach((v, ts) -> store.findAll(ts, v).forEach(e -> out.add(view(e, store.sightingCounts(e.id())))));
        return out;
    }

    /**
     * An entry by its id. Partners, reviewers and the province read any; an officer of a city or
     * county reads one seen in a case or warning of their jurisdiction, or one whose value they
     * give ({@code value}, as the search links it): ids are not a way to walk the list.
     */
    EntryDetail entry(long id, @Nullable String value) {
        Actor actor = Actors.requirePermission(Permission.RISK_CHECK);
        RiskStore.Entry e = store.find(id).orElseThrow(() -> new RiskEntries.EntryNotFound(id));
        List<RiskStore.SightingRow> seen = store.sightings(id, 100);
        boolean readsAll = !actor.isStaff()
                || actor.unitCode().length() <= 2
                || (actor.can(Permission.RISK_REVIEW) && actor.unitCode().length() <= 4);
        if (!readsAll
                && seen.stream().noneMatch(s -> s.unitCode() != null && actor.covers(s.unitCode()))
                && (value == null || !names(value, e))) {
            throw new RiskEntries.EntryNotFound(id);
        }
        List<SightingView> sightings = seen.stream()
                .map(s -> {
                    boolean mine = s.unitCode() != null && actor.covers(s.unitCode());
                    boolean staffRef = s.refType().equals("CASE") || s.refType().equals("WARNING");
                    // a case or warning outside the viewer's jurisdiction is counted, not linked;
                    // a public reporter or a partner's reference is never shown
                    return new SightingView(
                            s.kind(),
                            s.seenAt(),
                            s.refType(),
                            staffRef && mine ? s.refId() : null,
                            mine ? s.unitCode() : null,
                            s.fraudType(),
                            s.receiving());
                })
                .toList();
        return new EntryDetail(view(e, store.sightingCounts(id)), sightings, store.events(id));
    }

    /** Whether a value, in the entry's type, normalises to the entry's value. */
    private static boolean names(String value, RiskStore.Entry e) {
        if (value.length() > 300) {
            return false;
        }
        try {
            return Identifiers.normalise(e.type(), value).value().equals(e.value());
        } catch (Identifiers.InvalidIdentifier x) {
            return false;
        }
    }

    /** Entries waiting for a reviewer, oldest first. */
    List<EntryView> queue(int limit) {
        reviewer();
        if (limit < 1 || limit > 1000) {
            throw InvalidInput.of("limit", "error.riskLimit", limit, 1000);
        }
        return store.queue(limit).stream()
                .map(e -> view(e, store.sightingCounts(e.id())))
                .toList();
    }

    /** A reviewer raises, lowers or clears an entry with a reason, for a number of days. */
    EntryView review(long id, ReviewRequest request) {
        Actor actor = reviewer();
        RiskLevel level = null;
        List<FieldError> errors = new ArrayList<>();
        if (request.level() != null) {
            try {
                level = RiskLevel.valueOf(request.level().strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(FieldError.of(
                        "level", "error.riskLevel", request.level().length() > 20 ? null : request.level()));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        Duration validity = request.validDays() == null ? null : Duration.ofDays(request.validDays());
        var e = entries.review(id, level, request.reason(), validity, actor);
        return view(e, store.sightingCounts(id));
    }

    /** Reviewers sit at the province or a city: the list is the province's, not a county's. */
    static Actor reviewer() {
        Actor actor = Actors.requirePermission(Permission.RISK_REVIEW);
        if (actor.unitCode().length() > 4) {
            throw new Forbidden("problem.forbidden.riskReviewCityOrAbove");
        }
        return actor;
    }
}

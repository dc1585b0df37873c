package org.fanzha.risk.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fanzha.blocklist.SiteChecks;
import org.fanzha.blocklist.Verdict;
import org.fanzha.cases.Identifiers;
import org.fanzha.platform.Texts;
import org.fanzha.risk.RiskAction;
import org.fanzha.risk.RiskLevel;
import org.fanzha.risk.RiskType;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Answers checks from this instance's index (identifiers) and the blocklist (sites): per item,
 * never failing the batch for one that does not parse.
 */
@Service
class RiskChecks {

    /** One item to check: a known type and a value as written (null: missing). */
    record Item(RiskType type, @Nullable String value) {}

    /**
     * One answer: the normalised value, level, action and reason (the deciding rule); for a value
     * that does not parse, valid false, the reason's code and its text in the reader's language.
     */
    record Result(
            String type,
            @Nullable String value,
            boolean valid,
            @Nullable String normalized,
            @Nullable RiskLevel level,
            @Nullable RiskAction action,
            @Nullable String reason,
            @Nullable String message) {}

    private final RiskIndex index;
    private final RiskFeed feed;
    private final SiteChecks sites;

    RiskChecks(RiskIndex index, RiskFeed feed, SiteChecks sites) {
        this.index = index;
        this.feed = feed;
        this.sites = sites;
    }

    List<Result> check(List<Item> items, Locale locale) {
        feed.applied(); // loaded before the first answer
        Result[] out = new Result[items.size()];
        List<Integer> siteAt = new ArrayList<>();
        List<String> siteValues = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            Identifiers.Identifier id;
            try {
                id = Identifiers.normalise(item.type().identifier(), item.value());
            } catch (Identifiers.InvalidIdentifier e) {
                out[i] = invalid(item, e, locale);
                continue;
            }
            if (item.type().site()) {
                siteAt.add(i);
                siteValues.add(id.value());
                out[i] = new Result(item.type().name(), item.value(), true, id.value(), null, null, null, null);
                continue;
            }
            RiskIndex.Hit hit = index.find(id.type(), id.value());
            out[i] = new Result(
                    item.type().name(),
                    item.value(),
                    true,
                    id.value(),
                    hit.level(),
                    hit.level().action(),
                    hit.rule().code(),
                    null);
        }
        if (!siteValues.isEmpty()) {
            List<SiteChecks.SiteRisk> answers = sites.sites(siteValues);
            for (int j = 0; j < siteAt.size(); j++) {
                Result r = out[siteAt.get(j)];
                SiteChecks.SiteRisk a = answers.get(j);
                RiskLevel level = a.verdict() == Verdict.BLOCKED
                        ? RiskLevel.VERY_HIGH
                        : a.verdict() == Verdict.SUSPICIOUS ? RiskLevel.MEDIUM : RiskLevel.NONE;
                String reason = a.verdict() == Verdict.BLOCKED
                        ? "blocklist"
                        : a.verdict() == Verdict.SUSPICIOUS
                                ? "look-alike"
                                : a.verdict() == Verdict.ALLOWED ? "allowlist" : "none";
                out[siteAt.get(j)] =
                        new Result(r.type(), r.value(), true, r.normalized(), level, level.action(), reason, null);
            }
        }
        return List.of(out);
    }

    private static Result invalid(Item item, Identifiers.InvalidIdentifier e, Locale locale) {
        var error = e.at("value", null);
        String code =
                error.message().startsWith("error.") ? error.message().substring("error.".length()) : error.message();
        return new Result(
                item.type().name(),
                item.value() == null || item.value().length() <= 300
                        ? item.value()
                        : item.value().substring(0, 300),
                false,
                null,
                null,
                null,
                code,
                Texts.resolve(error.message(), error.args(), locale));
    }
}

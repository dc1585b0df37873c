package org.fanzha.risk.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import org.fanzha.blocklist.Names;
import org.fanzha.blocklist.SiteChecks;
import org.fanzha.cases.Identifiers;
import org.fanzha.platform.Texts;
import org.fanzha.risk.RiskType;
import org.jspecify.annotations.Nullable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The public risk lookup (风险查询, {@code /risk}): anyone looks up a site, phone number, account,
 * WeChat or QQ id, app or wallet and sees the level, category and since when, with the advice and
 * the route to appeal — never who reported it or any case. Rate-limited per client address.
 */
@Controller
class PublicLookup {

    /** What the page shows of a listed identifier. */
    record Answer(
            String type,
            String normalized,
            org.fanzha.risk.RiskLevel level,
            org.fanzha.platform.@Nullable FraudType category,
            java.time.@Nullable Instant since) {}

    private final SiteChecks sites;
    private final RiskIndex index;
    private final RiskFeed feed;
    private final RiskStore store;

    PublicLookup(SiteChecks sites, RiskIndex index, RiskFeed feed, RiskStore store) {
        this.sites = sites;
        this.index = index;
        this.feed = feed;
        this.store = store;
    }

    /** The types a person may look up, sites first (the default). */
    static final List<RiskType> TYPES = List.of(
            RiskType.URL,
            RiskType.PHONE,
            RiskType.BANK_CARD,
            RiskType.BANK_ACCOUNT,
            RiskType.PAYMENT_ACCOUNT,
            RiskType.WECHAT,
            RiskType.QQ,
            RiskType.APP,
            RiskType.E_CNY,
            RiskType.CRYPTO_ADDRESS);

    @GetMapping("/risk")
    String page(
            @RequestParam(required = false) @Nullable String target,
            @RequestParam(required = false) @Nullable String type,
            HttpServletRequest request,
            Model model) {
        RiskType kind = type == null ? RiskType.URL : RiskType.parse(type).orElse(RiskType.URL);
        if (kind == RiskType.DOMAIN || kind == RiskType.IP) {
            kind = RiskType.URL;
        }
        model.addAttribute("types", TYPES);
        model.addAttribute("type", kind.name());
        if (target == null || target.isBlank()) {
            return "risk/lookup";
        }
        String t = target.length() > Names.MAX_URL ? target.substring(0, Names.MAX_URL) : target;
        model.addAttribute("target", t);
        if (!sites.allowPublic(request.getRemoteAddr())) {
            model.addAttribute("limited", true);
            return "risk/lookup";
        }
        Locale locale = LocaleContextHolder.getLocale();
        if (kind == RiskType.URL) {
            SiteChecks.SiteLookup site = sites.lookup(t);
            model.addAttribute("site", site);
            if (site.error() != null) {
                // why the text is no site, in the reader's language
                try {
                    Names.url(t);
                    model.addAttribute("errorText", site.error());
                } catch (Names.InvalidName e) {
                    model.addAttribute("errorText", Texts.resolve(e.key(), List.of(e.args()), locale));
                }
            }
            return "risk/lookup";
        }
        Identifiers.Identifier id;
        try {
            id = Identifiers.normalise(kind.identifier(), t);
        } catch (Identifiers.InvalidIdentifier e) {
            var error = e.at("target", null);
            model.addAttribute("errorText", Texts.resolve(error.message(), error.args(), locale));
            return "risk/lookup";
        }
        feed.applied();
        RiskIndex.Hit hit = index.find(id.type(), id.value());
        var entry = hit.level() == org.fanzha.risk.RiskLevel.NONE
                ? null
                : store.find(id.type(), id.value()).orElse(null);
        model.addAttribute(
                "answer",
                new Answer(
                        kind.name(),
                        id.value(),
                        hit.level(),
                        entry == null ? null : entry.category(),
                        entry == null ? null : entry.levelSince()));
        return "risk/lookup";
    }
}

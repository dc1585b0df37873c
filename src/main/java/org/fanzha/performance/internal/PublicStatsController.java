package org.fanzha.performance.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.fanzha.audit.AuditLog;
import org.fanzha.platform.Actor;
import org.fanzha.platform.Actors;
import org.fanzha.platform.FieldError;
import org.fanzha.platform.FraudType;
import org.fanzha.platform.InvalidInput;
import org.fanzha.platform.Permission;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.context.request.WebRequest;
import tools.jackson.databind.json.JsonMapper;

/** 公开数据: the open statistics page and API (no sign-in), CSV, and the centre's notes on new patterns. */
@Controller
class PublicStatsController {

    record Pattern(long id, FraudType fraudType, String title, String body, Instant publishedAt) {}

    record PatternRequest(
            @Nullable String fraudType,
            @Nullable String title,
            @Nullable String body) {}

    private final PublicStats stats;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final AuditLog audit;
    private final Clock clock;

    PublicStatsController(PublicStats stats, JdbcClient jdbc, JsonMapper json, AuditLog audit, Clock clock) {
        this.stats = stats;
        this.jdbc = jdbc;
        this.json = json;
        this.audit = audit;
        this.clock = clock;
    }

    private CacheControl cache() {
        return CacheControl.maxAge(stats.secondsToNext(), TimeUnit.SECONDS).cachePublic();
    }

    @GetMapping("/api/v1/public/stats")
    ResponseEntity<String> api(
            @RequestParam(required = false) @Nullable String period,
            @RequestParam(required = false) @Nullable String unit,
            WebRequest request) {
        String body = json.writeValueAsString(stats.stats(period, unit));
        String etag = PublicStats.etag(body);
        if (request.checkNotModified(etag)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED)
                    .eTag(etag)
                    .cacheControl(cache())
                    .build();
        }
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .eTag(etag)
                .cacheControl(cache())
                .body(body);
    }

    @GetMapping("/api/v1/public/stats.csv")
    ResponseEntity<String> csv(
            @RequestParam(required = false) @Nullable String period,
            @RequestParam(required = false) @Nullable String unit,
            WebRequest request) {
        PublicStats.Stats s = stats.stats(period, unit);
        String body = PublicStats.csv(s);
        String etag = PublicStats.etag(body);
        if (request.checkNotModified(etag)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED)
                    .eTag(etag)
                    .cacheControl(cache())
                    .build();
        }
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(
                        "Content-Disposition",
                        "attachment; filename=\"fanzha-stats-" + s.unit() + "-" + s.period() + ".csv\"")
                .eTag(etag)
                .cacheControl(cache())
                .body(body);
    }

    @GetMapping("/api/v1/public/patterns")
    @ResponseBody
    List<Pattern> patterns() {
        return jdbc.sql(
                        "SELECT id, fraud_type, title, body, published_at FROM public_pattern ORDER BY published_at DESC LIMIT 10")
                .query((rs, i) -> new Pattern(
                        rs.getLong(1),
                        FraudType.valueOf(rs.getString(2)),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getTimestamp(5).toInstant()))
                .list();
    }

    /** The province centre publishes a note on a new pattern (province commanders). */
    @PostMapping("/api/v1/stats/patterns")
    ResponseEntity<Pattern> publish(@RequestBody PatternRequest request) {
        Actor actor = Actors.requirePermission(Permission.PERFORMANCE_ADJUST);
        List<FieldError> errors = new ArrayList<>();
        FraudType type = null;
        try {
            type = FraudType.valueOf(
                    request.fraudType() == null ? "" : request.fraudType().strip());
        } catch (IllegalArgumentException e) {
            errors.add(FieldError.of(
                    "fraudType",
                    "error.fraudTypeCode",
                    request.fraudType() == null || request.fraudType().length() > 30 ? null : request.fraudType()));
        }
        if (request.title() == null
                || request.title().isBlank()
                || request.title().strip().length() > 100) {
            errors.add(FieldError.of("title", "error.maxChars", null, 100));
        }
        if (request.body() == null
                || request.body().isBlank()
                || request.body().strip().length() > 2000) {
            errors.add(FieldError.of("body", "error.maxChars", null, 2000));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        Instant now = clock.instant();
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql(
                        "INSERT INTO public_pattern (fraud_type, title, body, published_at, published_by) VALUES (?, ?, ?, ?, ?)")
                .params(type.name(), request.title().strip(), request.body().strip(), Timestamp.from(now), actor.name())
                .update(keys, "id");
        long id = keys.getKeyAs(Number.class).longValue();
        audit.record(
                "CREATE", "public_pattern", Long.toString(id), request.title().strip());
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new Pattern(
                        id, type, request.title().strip(), request.body().strip(), now));
    }

    @GetMapping("/stats")
    String page(
            @RequestParam(required = false) @Nullable String period,
            @RequestParam(required = false) @Nullable String unit,
            Model model) {
        try {
            model.addAttribute("stats", stats.stats(period, unit));
        } catch (InvalidInput e) {
            model.addAttribute(
                    "errors", e.fieldMessages(org.springframework.context.i18n.LocaleContextHolder.getLocale()));
            model.addAttribute("stats", stats.stats(null, null));
        }
        model.addAttribute("patterns", patterns());
        model.addAttribute("fraudTypes", FraudType.values());
        return "public/stats";
    }
}

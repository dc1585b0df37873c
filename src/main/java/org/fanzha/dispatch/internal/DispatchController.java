package org.fanzha.dispatch.internal;

import java.util.List;
import java.util.Map;
import org.fanzha.dispatch.DispatchProperties;
import org.fanzha.platform.Actor;
import org.fanzha.platform.Actors;
import org.fanzha.platform.Forbidden;
import org.fanzha.platform.Permission;
import org.fanzha.platform.ProblemException;
import org.fanzha.platform.Texts;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The model in charge, its versions and calibration (API and page), and the administrator's refit. */
@Controller
class DispatchController {

    private final Models models;
    private final ModelStore store;
    private final DispatchProperties properties;

    private final Simulator simulator;

    DispatchController(Models models, ModelStore store, DispatchProperties properties, Simulator simulator) {
        this.simulator = simulator;
        this.models = models;
        this.store = store;
        this.properties = properties;
    }

    record VersionView(
            String version,
            java.time.Instant createdAt,
            String createdBy,
            int outcomes,
            boolean qualified,
            String reason,
            java.math.BigDecimal fitSeconds,
            Models.Calibration calibration) {}

    record Status(
            String policy,
            String deciding,
            @Nullable String modelVersion,
            @Nullable String loadError,
            int minOutcomes,
            List<VersionView> versions) {}

    Status status() {
        Models.Loaded m = models.loaded();
        boolean model = properties.policy() == DispatchProperties.Policy.EXPECTED_LOSS && m != null;
        return new Status(
                properties.policy().name(),
                model ? "EXPECTED_LOSS" : "RULES",
                m == null ? null : m.version().version(),
                models.loadError(),
                properties.minOutcomes(),
                store.recent(20).stream()
                        .map(v -> new VersionView(
                                v.version(),
                                v.createdAt(),
                                v.createdBy(),
                                v.outcomes(),
                                v.qualified(),
                                v.reason(),
                                v.fitSeconds(),
                                models.calibration(v)))
                        .toList());
    }

    private static Actor reader() {
        Actor actor = Actors.require();
        if (!actor.can(Permission.PERFORMANCE_READ) && !actor.can(Permission.DISPATCH_MODEL_MANAGE)) {
            throw new Forbidden(
                    "problem.forbidden.permission", Texts.key("permission." + Permission.PERFORMANCE_READ.name()));
        }
        return actor;
    }

    @GetMapping("/api/v1/dispatch/model")
    @ResponseBody
    Status api() {
        reader();
        return status();
    }

    static class RefitRunning extends ProblemException {
        RefitRunning() {
            super(
                    HttpStatus.CONFLICT,
                    "refit-running",
                    "problem.wrongState.title",
                    "problem.dispatchRefitRunning",
                    args(),
                    Map.of());
        }
    }

    private final java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean();

    /** Starts a refit in the background: 202, or 409 while one runs here. */
    @PostMapping("/api/v1/dispatch/model/refit")
    @ResponseBody
    ResponseEntity<Map<String, Object>> refit() {
        Actor actor = Actors.requirePermission(Permission.DISPATCH_MODEL_MANAGE);
        start(actor);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("started", true));
    }

    private void start(Actor actor) {
        if (!running.compareAndSet(false, true)) {
            throw new RefitRunning();
        }
        Thread t = new Thread(
                () -> {
                    try {
                        models.refit(actor.name());
                    } finally {
                        running.set(false);
                    }
                },
                "dispatch-refit");
        t.setDaemon(true);
        t.start();
    }

    /** A scenario as asked for: what is left out keeps its default. */
    record SimulationRequest(
            @Nullable Long seed,
            @Nullable Integer leads,
            @Nullable Double staffScale,
            @Nullable List<Double> hourly,
            @Nullable List<Integer> operators,
            @Nullable Map<String, Double> fraudMix,
            @Nullable Map<String, Double> medianMinutesToPay,
            @Nullable Double payScatter,
            @Nullable Double victimShare,
            @Nullable Double callMinutes,
            @Nullable Double answerRate,
            @Nullable Double robotConnectRate,
            @Nullable Double robotSafeRate,
            @Nullable Double robotAtRiskRate,
            @Nullable Double visitMedianMinutes,
            @Nullable Map<String, Double> cities,
            @Nullable Map<String, Scenario.Staffing> staffing) {

        Scenario scenario(Simulator simulator) {
            Scenario d = Scenario.defaults(
                    seed == null ? 1 : seed, leads == null ? 50_000 : leads, staffScale == null ? 1 : staffScale);
            List<org.fanzha.platform.FieldError> errors = new java.util.ArrayList<>();
            Map<org.fanzha.platform.FraudType, Double> mix = types("fraudMix", fraudMix, d.fraudMix(), errors);
            Map<org.fanzha.platform.FraudType, Double> medians =
                    types("medianMinutesToPay", medianMinutesToPay, d.medianMinutesToPay(), errors);
            Scenario s = new Scenario(
                    d.seed(),
                    d.leads(),
                    d.staffScale(),
                    hourly == null ? d.hourly() : hourly,
                    mix,
                    medians,
                    payScatter == null ? d.payScatter() : payScatter,
                    victimShare == null ? d.victimShare() : victimShare,
                    operators == null ? d.operators() : operators,
                    callMinutes == null ? d.callMinutes() : callMinutes,
                    answerRate == null ? d.answerRate() : answerRate,
                    robotConnectRate == null ? d.robotConnectRate() : robotConnectRate,
                    robotSafeRate == null ? d.robotSafeRate() : robotSafeRate,
                    robotAtRiskRate == null ? d.robotAtRiskRate() : robotAtRiskRate,
                    visitMedianMinutes == null ? d.visitMedianMinutes() : visitMedianMinutes,
                    cities == null ? d.cities() : cities,
                    staffing == null ? d.staffing() : staffing);
            try {
                simulator.validate(s);
            } catch (org.fanzha.platform.InvalidInput e) {
                errors.addAll(e.errors());
            }
            if (!errors.isEmpty()) {
                throw new org.fanzha.platform.InvalidInput(errors);
            }
            return s;
        }

        private static Map<org.fanzha.platform.FraudType, Double> types(
                String field,
                @Nullable Map<String, Double> given,
                Map<org.fanzha.platform.FraudType, Double> defaults,
                List<org.fanzha.platform.FieldError> errors) {
            Map<org.fanzha.platform.FraudType, Double> out = new java.util.EnumMap<>(defaults);
            if (given == null) {
                return out;
            }
            given.forEach((k, v) -> {
                try {
                    out.put(org.fanzha.platform.FraudType.valueOf(k), v);
                } catch (IllegalArgumentException e) {
                    errors.add(org.fanzha.platform.FieldError.of(field + "." + k, "error.fraudTypeCode", k));
                }
            });
            return out;
        }
    }

    /** Replays a province day under FIFO, RULES and EXPECTED_LOSS (commanders: performance:read). */
    @PostMapping("/api/v1/dispatch/simulations")
    @ResponseBody
    Simulator.Result simulate(@org.springframework.web.bind.annotation.RequestBody SimulationRequest request) {
        Actor actor = Actors.requirePermission(Permission.PERFORMANCE_READ);
        return simulator.run(request.scenario(simulator));
    }

    /** The simulator for commanders: a form, then the three policies side by side as a table and bars. */
    @GetMapping("/dispatch/simulate")
    String simulatePage(
            @org.springframework.web.bind.annotation.RequestParam(required = false) @Nullable String seed,
            @org.springframework.web.bind.annotation.RequestParam(required = false) @Nullable String leads,
            @org.springframework.web.bind.annotation.RequestParam(required = false) @Nullable String staffScale,
            @org.springframework.web.bind.annotation.RequestParam(required = false) @Nullable String cities,
            @org.springframework.web.bind.annotation.RequestParam(required = false) @Nullable String staffing,
            @org.springframework.web.bind.annotation.RequestParam(required = false) @Nullable String medians,
            Model model) {
        Actors.requirePermission(Permission.PERFORMANCE_READ);
        model.addAttribute("seed", seed == null ? "1" : seed);
        model.addAttribute("leads", leads == null ? "20000" : leads);
        model.addAttribute("staffScale", staffScale == null ? "1" : staffScale);
        model.addAttribute("cities", cities == null ? "" : cities);
        model.addAttribute("staffing", staffing == null ? "" : staffing);
        model.addAttribute("medians", medians == null ? "" : medians);
        if (seed == null && leads == null && staffScale == null) {
            return "dispatch/simulate";
        }
        List<org.fanzha.platform.FieldError> errors = new java.util.ArrayList<>();
        Long s = parse(seed, "seed", Long::valueOf, errors);
        Integer l = parse(leads, "leads", Integer::valueOf, errors);
        Double x = parse(staffScale, "staffScale", Double::valueOf, errors);
        Map<String, Double> byCity = text(cities, t -> ScenarioText.weights(t, "cities", errors));
        Map<String, Scenario.Staffing> onDuty = text(staffing, t -> ScenarioText.staffing(t, "staffing", errors));
        Map<String, Double> byType = byCode(text(medians, t -> ScenarioText.weights(t, "medianMinutesToPay", errors)));
        try {
            SimulationRequest request = new SimulationRequest(
                    s, l, x, null, null, null, byType, null, null, null, null, null, null, null, null, byCity, onDuty);
            Scenario scenario = null;
            try {
                scenario = request.scenario(simulator);
            } catch (org.fanzha.platform.InvalidInput e) {
                errors.addAll(e.errors());
            }
            if (!errors.isEmpty()) {
                throw new org.fanzha.platform.InvalidInput(errors);
            }
            Simulator.Result r = simulator.run(scenario);
            model.addAttribute("result", r);
            double most = r.policies().stream()
                    .mapToDouble(p -> Double.parseDouble(p.yuanReachedBeforePayment()))
                    .max()
                    .orElse(1);
            model.addAttribute("most", most <= 0 ? 1 : most);
        } catch (ProblemException e) {
            model.addAttribute("problem", e.summary(org.springframework.context.i18n.LocaleContextHolder.getLocale()));
        }
        return "dispatch/simulate";
    }

    /** Fraud types as the page's reader writes them: by name (冒充公检法) or by code. */
    private static @Nullable Map<String, Double> byCode(@Nullable Map<String, Double> byName) {
        if (byName == null) {
            return null;
        }
        Map<String, String> codes = new java.util.HashMap<>();
        for (org.fanzha.platform.FraudType t : org.fanzha.platform.FraudType.values()) {
            for (java.util.Locale l : List.of(java.util.Locale.SIMPLIFIED_CHINESE, java.util.Locale.ENGLISH)) {
                codes.put(Texts.resolve("fraud." + t.name(), List.of(), l), t.name());
            }
        }
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        byName.forEach((k, v) -> out.put(codes.getOrDefault(k, k), v));
        return out;
    }

    private static <T> @Nullable Map<String, T> text(
            @Nullable String text, java.util.function.Function<String, Map<String, T>> parser) {
        return text == null || text.isBlank()
                ? null
                : parser.apply(text.length() > 20_000 ? text.substring(0, 20_000) : text);
    }

    private static <T> @Nullable T parse(
            @Nullable String v,
            String field,
            java.util.function.Function<String, T> parser,
            List<org.fanzha.platform.FieldError> errors) {
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return parser.apply(v.strip());
        } catch (NumberFormatException e) {
            errors.add(org.fanzha.platform.FieldError.of(
                    field, "error.simulationPositive", v.length() > 20 ? v.substring(0, 20) : v));
            return null;
        }
    }

    @GetMapping("/dispatch/model")
    String page(Model model) {
        Actor actor = reader();
        model.addAttribute("status", status());
        model.addAttribute("mayRefit", actor.can(Permission.DISPATCH_MODEL_MANAGE));
        return "dispatch/model";
    }

    @PostMapping("/dispatch/model/refit")
    String refitPage(RedirectAttributes redirect) {
        Actor actor = Actors.requirePermission(Permission.DISPATCH_MODEL_MANAGE);
        try {
            start(actor);
            redirect.addFlashAttribute("started", true);
        } catch (RefitRunning e) {
            redirect.addFlashAttribute("running", true);
        }
        return "redirect:/dispatch/model";
    }
}

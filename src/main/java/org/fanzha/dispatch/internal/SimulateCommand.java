package org.fanzha.dispatch.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code bench/simulate [--seed N] [--leads N] [--staff-scale X] [--out FILE] [--seeds K]
 * [--staffing FILE] [--cities FILE]}: starts the
 * application on loopback and free ports with an in-memory database (for the production rules, plans and
 * deadlines as configured), replays the day under FIFO, RULES and EXPECTED_LOSS, and writes the
 * result as JSON (to FILE, or standard output). The staffing file holds CSV lines
 * {@code unit,operators 00–08,08–16,16–24,officers 00–08,08–16,16–24}, the cities file
 * {@code code=weight} lines (see {@link ScenarioText}).
 */
public final class SimulateCommand {

    private SimulateCommand() {}

    public static void main(String[] args) throws Exception {
        long seed = 1;
        int leads = 50_000;
        double scale = 1;
        String out = null;
        int seeds = 1;
        String staffingFile = null;
        String citiesFile = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : "";
            switch (a) {
                case "--seed" -> {
                    seed = Long.parseLong(v);
                    i++;
                }
                case "--leads" -> {
                    leads = Integer.parseInt(v);
                    i++;
                }
                case "--staff-scale" -> {
                    scale = Double.parseDouble(v);
                    i++;
                }
                case "--out" -> {
                    out = v;
                    i++;
                }
                case "--staffing" -> {
                    staffingFile = v;
                    i++;
                }
                case "--cities" -> {
                    citiesFile = v;
                    i++;
                }
                case "--seeds" -> {
                    seeds = Integer.parseInt(v);
                    i++;
                }
                default -> {
                    System.err.println(
                            "unknown argument " + a
                                    + "; usage: simulate [--seed N] [--leads N] [--staff-scale X] [--out FILE] [--seeds K] [--staffing FILE] [--cities FILE]");
                    System.exit(2);
                }
            }
        }
        SpringApplication app = new SpringApplication(org.fanzha.Fanzha.class);
        Map<String, Object> props = new HashMap<>();
        props.put(
                "spring.datasource.url",
                "jdbc:h2:mem:simulate;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        props.put("fanzha.scheduling.enabled", "false");
        // nothing listens where a running instance might: every port its own
        props.put("server.port", "0");
        props.put("server.address", "127.0.0.1");
        props.put("fanzha.blocklist.dns.port", "0");
        props.put("fanzha.blocklist.warning-page.http-port", "0");
        props.put("fanzha.blocklist.warning-page.tls-port", "0");
        props.put("fanzha.events.resubmit-on-start", "false");
        props.put("logging.level.root", "warn");
        props.put("spring.main.banner-mode", "off");
        app.setDefaultProperties(props);
        try (ConfigurableApplicationContext ctx = app.run()) {
            Simulator simulator = ctx.getBean(Simulator.class);
            Object result;
            try {
                java.util.List<org.fanzha.platform.FieldError> errors = new java.util.ArrayList<>();
                Map<String, Scenario.Staffing> staffing = staffingFile == null
                        ? Map.of()
                        : ScenarioText.staffing(Files.readString(Path.of(staffingFile)), "staffing", errors);
                Map<String, Double> cities = citiesFile == null
                        ? Map.of()
                        : ScenarioText.weights(Files.readString(Path.of(citiesFile)), "cities", errors);
                if (!errors.isEmpty()) {
                    throw new org.fanzha.platform.InvalidInput(errors);
                }
                int n = leads;
                double x = scale;
                java.util.function.LongFunction<Scenario> scenario =
                        k -> Scenario.defaults(k, n, x).with(cities, staffing);
                result = seeds == 1 ? simulator.run(scenario.apply(seed)) : spread(simulator, seed, seeds, scenario);
            } catch (org.fanzha.platform.InvalidInput e) {
                for (org.fanzha.platform.FieldError f : e.errors()) {
                    System.err.println("refused: " + f.field() + ": " + f.message(java.util.Locale.ENGLISH));
                }
                System.exit(2);
                return;
            }
            String json = ctx.getBean(JsonMapper.class)
                    .writerWithDefaultPrettyPrinter()
                    .writeValueAsString(result);
            if (out == null) {
                System.out.println(json);
            } else {
                Files.writeString(Path.of(out), json + "\n", StandardCharsets.UTF_8);
                System.err.println("wrote " + out);
            }
        }
    }

    /** The seeds from {@code seed}: each run, and the spread of expected loss's yuan reached before payment over the rules'. */
    static Map<String, Object> spread(
            Simulator simulator, long seed, int seeds, java.util.function.LongFunction<Scenario> scenario) {
        java.util.List<Simulator.Result> runs = new java.util.ArrayList<>();
        java.util.List<Double> ratios = new java.util.ArrayList<>();
        for (long k = seed; k < seed + seeds; k++) {
            Simulator.Result r = simulator.run(scenario.apply(k));
            runs.add(r);
            double rules = Double.parseDouble(r.policies().get(1).yuanReachedBeforePayment());
            double loss = Double.parseDouble(r.policies().get(2).yuanReachedBeforePayment());
            ratios.add(rules == 0 ? 0 : loss / rules - 1);
            System.err.printf(
                    "seed %d: expected loss %+.1f %% yuan over the rules (%.1f s)%n",
                    k, 100 * ratios.get(ratios.size() - 1), r.elapsedSeconds());
        }
        java.util.DoubleSummaryStatistics st =
                ratios.stream().mapToDouble(Double::doubleValue).summaryStatistics();
        return Map.of(
                "runs",
                runs,
                "expectedLossOverRules",
                Map.of(
                        "mean", Math.round(st.getAverage() * 10_000) / 10_000.0,
                        "min", Math.round(st.getMin() * 10_000) / 10_000.0,
                        "max", Math.round(st.getMax() * 10_000) / 10_000.0,
                        "seeds", seeds));
    }
}

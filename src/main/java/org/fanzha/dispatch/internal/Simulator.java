package org.fanzha.dispatch.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.stream.Collectors;
import org.apache.commons.math3.distribution.EnumeratedDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.util.Pair;
import org.fanzha.contact.ContactProperties;
import org.fanzha.dispatch.DispatchProperties;
import org.fanzha.divisions.Division;
import org.fanzha.divisions.DivisionLevel;
import org.fanzha.divisions.Divisions;
import org.fanzha.divisions.DivisionsProperties;
import org.fanzha.divisions.IdNumber;
import org.fanzha.hotline.QueueWait;
import org.fanzha.platform.FraudType;
import org.fanzha.platform.Source;
import org.fanzha.warning.Outcome;
import org.fanzha.warning.SignalType;
import org.fanzha.warning.Triage;
import org.fanzha.warning.Urgency;
import org.fanzha.warning.WarningHistory;
import org.fanzha.warning.WarningProperties;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * The province-day simulator: replays a day of leads against a staffing plan under each dispatch
 * policy and counts who is reached before they pay. It drives the production parts — the urgency
 * rules and the routing to units (warning.Triage), the contact plans and their raising after
 * failed robot calls (fanzha.contact.*), the deadlines (fanzha.warning.deadlines), the survival
 * model's fit (Fitter, on a simulated day before, as the nightly refit learns from real ones), the
 * hotline's order by expected loss (DispatchOrder) with each queue's wait as the reach time
 * (hotline.QueueWait) — and simulates only what the world does: when people pay, whether they
 * answer, how long a call or the way to the door takes. Deterministic for a seed.
 */
@Service
public class Simulator {

    public enum Policy {
        FIFO,
        RULES,
        EXPECTED_LOSS
    }

    public record PolicyResult(
            String policy,
            double reachedBeforePaymentShare,
            String yuanReachedBeforePayment,
            @Nullable Long firstContactP50Seconds,
            @Nullable Long firstContactP90Seconds,
            int deadlinesMissed,
            double operatorUtilisation,
            double officerUtilisation,
            int wouldBeVictims,
            int reachedBeforePayment,
            int raised,
            Map<String, CityResult> cities) {}

    /** Per city-level unit (the province desk under the province's code). */
    public record CityResult(
            String name, int warnings, int wouldBeVictims, int reachedBeforePayment, String yuanReachedBeforePayment) {}

    public record Result(
            List<PolicyResult> policies,
            long seed,
            int leads,
            double staffScale,
            @Nullable String modelVersion,
            double elapsedSeconds) {}

    private final Triage triage;
    private final ContactProperties contact;
    private final WarningProperties warnings;
    private final DispatchProperties dispatch;
    private final Divisions divisions;
    private final String province;

    Simulator(
            Triage triage,
            ContactProperties contact,
            WarningProperties warnings,
            DispatchProperties dispatch,
            Divisions divisions,
            DivisionsProperties divisionsProperties) {
        this.triage = triage;
        this.contact = contact;
        this.warnings = warnings;
        this.dispatch = dispatch;
        this.divisions = divisions;
        this.province = divisionsProperties.provinceCode();
    }

    /** One person of the day. */
    static final class Person {
        int id;
        double arrival;
        FraudType fraudType;
        Source source;

        @Nullable
        Integer callMinutes;

        @Nullable
        BigDecimal amountAtRisk;

        Urgency graded;
        String rule;
        boolean willPay;
        double payAt;
        double loss;
        WarningHistory.Features features;
        double margin = Double.NaN;
        /** Queue index of the unit the routing gave (0: the province desk), and of the city the person lives in. */
        int queue;

        int home;
        // per run
        Urgency urgency;
        double reachedAt;
        int[] failures;
        int robotNoAnswer;
        List<Step> steps;
        boolean callWaiting;
    }

    /** A step of a person's contact plan, as the contact module keeps it. */
    static final class Step {
        ContactProperties.Step spec;
        double due;
        boolean waiting = true;
        int version;
    }

    record Event(
            double at,
            long seq,
            int kind,
            Person person,
            int arg,
            @Nullable Step step) {}

    static final int STEP = 0;
    static final int CALL_END = 1;
    static final int REACHED = 2;
    static final int SHIFT = 3;
    static final int RETRY = 4;
    static final int ROBOT_RESULT = 5;
    static final int RESCORE = 6;
    static final int VISIT_END = 7;
    static final int VISIT_FOUND = 8;

    static final double DAY = 24 * 3600;

    /** The queues: the province desk's first, then the city-level units by code. */
    List<String> queues() {
        List<String> out = new ArrayList<>();
        out.add(province);
        divisions.atLevel(DivisionLevel.CITY).stream()
                .map(Division::code)
                .sorted()
                .forEach(out::add);
        return out;
    }

    /** The scenario, every bad value refused at its field (an unknown city among them). */
    public Scenario validate(Scenario s) {
        List<String> queues = queues();
        return s.validate(province, new java.util.HashSet<>(queues.subList(1, queues.size())));
    }

    /** Runs the scenario under the three policies. */
    public Result run(Scenario s) {
        List<String> queues = queues();
        validate(s);
        long t0 = System.nanoTime();
        World world = new World(s, queues);
        List<Person> day = people(world, s.seed());
        // the model learns from a day before, worked by the rules, as the nightly refit learns from real outcomes
        Survival model = null;
        try {
            List<Person> before = people(world, s.seed() + 7919);
            simulate(before, world, Policy.RULES, null, s.seed() + 1);
            Fitter.Fit fit = Fitter.fit(examples(before), dispatch);
            model = new Survival(fit.booster(), Fitter.SIGMA, "sim-" + s.seed(), fit.medianMinutes(), fit.medianLoss());
            score(day, model);
        } catch (ml.dmlc.xgboost4j.java.XGBoostError e) {
            model = null;
        }
        List<PolicyResult> results = new ArrayList<>();
        for (Policy p : Policy.values()) {
            results.add(simulate(day, world, p, p == Policy.EXPECTED_LOSS ? model : null, s.seed() + 2));
        }
        return new Result(
                results,
                s.seed(),
                s.leads(),
                s.staffScale(),
                model == null ? null : model.version,
                Math.round((System.nanoTime() - t0) / 1e7) / 100.0);
    }

    /** The scenario resolved against the province: queues, who is on duty in each, where leads come from. */
    final class World {
        final Scenario s;
        final List<String> queues;
        final int[][] operators;
        final int[][] officers;
        final double[] cityWeights;
        final List<List<Division>> counties = new ArrayList<>();
        final Map<String, Integer> queueIndex = new HashMap<>();
        final List<String> names = new ArrayList<>();
        final Map<String, Integer> routes = new HashMap<>();

        World(Scenario s, List<String> queues) {
            this.s = s;
            this.queues = queues;
            int n = queues.size();
            operators = new int[n][3];
            officers = new int[n][3];
            cityWeights = new double[n];
            for (int q = 0; q < n; q++) {
                String code = queues.get(q);
                queueIndex.put(code, q);
                names.add(divisions.find(code).map(Division::name).orElse(code));
                Scenario.Staffing st = s.staffing().get(code);
                if (st == null) {
                    st = q == 0 ? new Scenario.Staffing(s.operators(), List.of(0, 0, 0)) : Scenario.Staffing.CITY;
                }
                for (int h = 0; h < 3; h++) {
                    operators[q][h] = (int) Math.round(st.operators().get(h) * s.staffScale());
                    officers[q][h] = (int) Math.round(st.officers().get(h) * s.staffScale());
                }
                cityWeights[q] =
                        q == 0 ? 0 : s.cities().isEmpty() ? 1 : s.cities().getOrDefault(code, 0.0);
                List<Division> below = q == 0
                        ? List.of()
                        : divisions.children(code).stream()
                                .filter(d -> d.level() == DivisionLevel.COUNTY)
                                .toList();
                // 济源 is a city-level unit with no counties below: its own area is where people live
                counties.add(q == 0 || !below.isEmpty() ? below : List.of(divisions.get(code)));
            }
        }

        /**
         * The production routing for a person: the operator's location for most, the ID number's
         * county for the rest. Routing depends only on these, so a route is asked once per county
         * and way.
         */
        int route(RandomGenerator r, int city, Division county, boolean located, int ageBand, boolean male) {
            String key = (located ? "at:" : "id:") + county.code();
            Integer q = routes.get(key);
            if (q == null) {
                String unit = located
                        ? triage.route(PHONE, null, county.code())
                        : triage.route(PHONE, idNumber(county.code(), ageBand, male, 1), null);
                q = queueOf(unit);
                routes.put(key, q);
            }
            return q;
        }

        /** The queue of a unit: its city-level unit's, else the province desk's. */
        int queueOf(String unit) {
            Integer q = queueIndex.get(unit);
            if (q != null) {
                return q;
            }
            List<Division> above = divisions.ancestors(unit); // from the province down
            for (int i = above.size() - 1; i > 0; i--) {
                q = queueIndex.get(above.get(i).code());
                if (q != null) {
                    return q;
                }
            }
            return 0;
        }
    }

    /** A mobile number that places nobody (the routing then reads the location or the ID number). */
    static final String PHONE = "+8613700000000";

    static String idNumber(String county, int ageBand, boolean male, int seq) {
        int year = 2026 - ageBand * 10 - 5;
        String first17 = county + year + "0615" + String.format("%02d", seq % 100) + (male ? "1" : "2");
        return first17 + IdNumber.checkCharacter(first17);
    }

    List<Person> people(World w, long seed) {
        Scenario s = w.s;
        RandomGenerator r = new Well19937c(seed);
        List<Pair<Integer, Double>> hours = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            hours.add(new Pair<>(h, s.hourly().get(h)));
        }
        EnumeratedDistribution<Integer> hour = new EnumeratedDistribution<>(r, hours);
        List<Pair<FraudType, Double>> mix = new ArrayList<>();
        s.fraudMix().forEach((t, x) -> {
            if (x > 0) {
                mix.add(new Pair<>(t, x));
            }
        });
        EnumeratedDistribution<FraudType> types = new EnumeratedDistribution<>(r, mix);
        List<Pair<Integer, Double>> cityPairs = new ArrayList<>();
        for (int q = 1; q < w.queues.size(); q++) {
            if (w.cityWeights[q] > 0 && !w.counties.get(q).isEmpty()) {
                cityPairs.add(new Pair<>(q, w.cityWeights[q]));
            }
        }
        EnumeratedDistribution<Integer> cities = new EnumeratedDistribution<>(r, cityPairs);
        Source[] sources = {Source.TELECOM, Source.NATIONAL_CENTRE, Source.BANK, Source.FRAUD_SITE_VISIT};
        List<Person> out = new ArrayList<>(s.leads());
        Instant midnight = Instant.parse("2026-06-01T16:00:00Z"); // 00:00 Beijing time
        for (int i = 0; i < s.leads(); i++) {
            Person p = new Person();
            p.id = i;
            p.arrival = hour.sample() * 3600 + r.nextDouble() * 3600;
            p.fraudType = types.sample();
            p.source = sources[r.nextInt(sources.length)];
            List<Triage.Sign> signs = new ArrayList<>();
            EnumSet<SignalType> signals = EnumSet.noneOf(SignalType.class);
            if (r.nextDouble() < 0.35) {
                p.callMinutes = r.nextInt(60);
                signs.add(new Triage.Sign(SignalType.ACTIVE_CALL_WITH_FRAUD_NUMBER, p.callMinutes, null));
                signals.add(SignalType.ACTIVE_CALL_WITH_FRAUD_NUMBER);
            }
            if (r.nextDouble() < 0.4) {
                p.amountAtRisk = BigDecimal.valueOf(Math.round(Math.exp(Math.log(20_000) + r.nextGaussian())));
            }
            if (r.nextDouble() < 0.1) {
                signs.add(new Triage.Sign(SignalType.TRANSFER_TO_FLAGGED_ACCOUNT, null, p.amountAtRisk));
                signals.add(SignalType.TRANSFER_TO_FLAGGED_ACCOUNT);
            }
            if (r.nextDouble() < 0.15) {
                signs.add(new Triage.Sign(SignalType.FRAUD_APP_INSTALLED, null, null));
                signals.add(SignalType.FRAUD_APP_INSTALLED);
            }
            if (signs.isEmpty()) {
                signs.add(new Triage.Sign(SignalType.SMS_FROM_FRAUD_NUMBER, null, null));
                signals.add(SignalType.SMS_FROM_FRAUD_NUMBER);
            }
            Triage.Graded g = triage.grade(p.source, p.fraudType, signs, p.amountAtRisk);
            p.graded = g.urgency();
            p.rule = g.rule();
            p.willPay = r.nextDouble() < s.victimShare();
            double mu = Math.log(s.medianMinutesToPay().getOrDefault(p.fraudType, 240.0))
                    - (p.callMinutes == null ? 0 : 0.03 * p.callMinutes)
                    - (p.amountAtRisk == null ? 0 : 0.2);
            p.payAt = p.willPay
                    ? p.arrival + 60 * Math.exp(mu + s.payScatter() * r.nextGaussian())
                    : Double.POSITIVE_INFINITY;
            p.loss = p.amountAtRisk != null
                    ? p.amountAtRisk.doubleValue()
                    : Math.exp(Math.log(20_000) + r.nextGaussian());
            int ageBand = 2 + r.nextInt(6);
            boolean male = r.nextBoolean();
            p.home = cities.sample();
            List<Division> counties = w.counties.get(p.home);
            Division county = counties.get(r.nextInt(counties.size()));
            // the carrier's location of the subscriber for most leads; the ID number alone for one in seven
            p.queue = w.route(r, p.home, county, r.nextInt(7) != 0, ageBand, male);
            Instant at = midnight.plusMillis((long) (p.arrival * 1000));
            p.features = new WarningHistory.Features(
                    i + 1,
                    p.fraudType,
                    p.graded,
                    p.rule,
                    p.source,
                    at,
                    at,
                    signals,
                    p.callMinutes,
                    p.amountAtRisk,
                    ageBand,
                    male ? "M" : "F",
                    false,
                    List.of(),
                    w.queues.get(p.queue));
            out.add(p);
        }
        return out;
    }

    private static void score(List<Person> day, Survival model) throws ml.dmlc.xgboost4j.java.XGBoostError {
        float[] rows = new float[day.size() * Encoding.width()];
        for (int i = 0; i < day.size(); i++) {
            Encoding.encode(day.get(i).features, day.get(i).features.firstLeadAt(), rows, i * Encoding.width());
        }
        float[] margins = model.margins(rows, day.size());
        for (int i = 0; i < day.size(); i++) {
            day.get(i).margin = margins[i];
        }
    }

    /** The day worked as closed warnings: paid before reached (the time known), or reached first (censored). */
    private static List<Example> examples(List<Person> day) {
        List<Example> out = new ArrayList<>();
        for (Person p : day) {
            Instant start = p.features.firstLeadAt();
            Instant end =
                    start.plusMillis((long) ((Double.isFinite(p.reachedAt) ? p.reachedAt - p.arrival : 86_400) * 1000));
            boolean paidFirst = p.payAt < p.reachedAt;
            Instant paid = paidFirst ? start.plusMillis((long) ((p.payAt - p.arrival) * 1000)) : null;
            WarningHistory.Closed c = paidFirst
                    ? new WarningHistory.Closed(p.features, Outcome.ALREADY_DEFRAUDED, paid.plusSeconds(600), null)
                    : new WarningHistory.Closed(p.features, Outcome.DISSUADED, end.plusSeconds(60), end);
            Example e = Example.of(c, paid);
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }

    private PolicyResult simulate(List<Person> day, World w, Policy policy, @Nullable Survival model, long seed) {
        Run run = new Run(w, policy, model, new Well19937c(seed));
        run.replay(day);
        return run.result(day, w);
    }

    /** One policy's replay of the day: the events, the queues and the people on duty. */
    private final class Run {
        final World w;
        final Scenario s;
        final Policy policy;
        final RandomGenerator r;
        final PriorityQueue<Event> events = new PriorityQueue<>(
                (a, b) -> a.at() != b.at() ? Double.compare(a.at(), b.at()) : Long.compare(a.seq(), b.seq()));
        long seq;
        final Waiting calls;
        final boolean byLoss;
        final List<java.util.ArrayDeque<Person>> visits = new ArrayList<>();
        final int n;
        final int[] freeOperators;
        final int[] freeOfficers;
        final int[] staffedOperators;
        final int[] staffedOfficers;
        /** Per queue, the calls taken lately: when and how long each had waited. */
        final List<java.util.ArrayDeque<double[]>> taken = new ArrayList<>();

        final double[] reach;
        double operatorBusy;
        double operatorHours;
        double officerBusy;
        double officerHours;
        double lastShift;
        int missed;
        int raised;

        Run(World w, Policy policy, @Nullable Survival model, RandomGenerator r) {
            this.w = w;
            this.s = w.s;
            this.policy = policy;
            this.r = r;
            this.n = w.queues.size();
            byLoss = policy == Policy.EXPECTED_LOSS && model != null;
            calls = policy == Policy.FIFO
                    ? Waiting.fifo(n)
                    : policy == Policy.RULES || model == null
                            ? Waiting.rules(n)
                            : Waiting.byExpectedLoss(n, model, warnings);
            freeOperators = new int[n];
            freeOfficers = new int[n];
            staffedOperators = new int[n];
            staffedOfficers = new int[n];
            reach = new double[n];
            for (int q = 0; q < n; q++) {
                visits.add(new java.util.ArrayDeque<>());
                taken.add(new java.util.ArrayDeque<>());
            }
        }

        void add(double at, int kind, Person p, int arg, @Nullable Step step) {
            events.add(new Event(at, seq++, kind, p, arg, step));
        }

        void replay(List<Person> day) {
            for (Person p : day) {
                p.reachedAt = Double.POSITIVE_INFINITY;
                p.failures = new int[org.fanzha.contact.Channel.values().length];
                p.robotNoAnswer = 0;
                p.urgency = p.graded;
                p.callWaiting = false;
                p.steps = new ArrayList<>();
                for (ContactProperties.Step spec : contact.plan(p.urgency)) {
                    addStep(p, spec, p.arrival);
                }
            }
            Person any = day.isEmpty() ? null : day.get(0);
            for (int h = 0; h <= 48; h += 8) {
                add(h * 3600.0, SHIFT, any, h, null);
            }
            if (byLoss) {
                for (double at = 0; at <= 48 * 3600; at += 30) {
                    add(at, RESCORE, any, 0, null);
                }
            }
            while (!events.isEmpty()) {
                Event e = events.poll();
                double now = e.at();
                if (now > 48 * 3600) {
                    break;
                }
                handle(e, now);
                dispatch(now);
            }
            missed += calls.size(-1); // never called within the two days
        }

        void handle(Event e, double now) {
            Person p = e.person();
            switch (e.kind()) {
                case SHIFT -> shift(now);
                case STEP -> {
                    if (e.step().waiting && e.step().version == e.arg()) {
                        start(p, e.step(), now);
                    }
                }
                case RETRY -> call(p, now, e.arg());
                case ROBOT_RESULT -> robotAnswered(p, e.arg(), now);
                case REACHED -> p.reachedAt = Math.min(p.reachedAt, now);
                case VISIT_FOUND -> {
                    if (e.arg() == 1) {
                        p.reachedAt = Math.min(p.reachedAt, now);
                    } else if (p.reachedAt > now) {
                        failed(p, org.fanzha.contact.Channel.VISIT, now);
                    }
                }
                case RESCORE -> {
                    for (int q = 0; q < n; q++) {
                        reach[q] = horizon(q, now);
                    }
                    calls.rescore(now, reach);
                }
                case CALL_END -> freeOperators[e.arg()]++;
                case VISIT_END -> freeOfficers[e.arg()]++;
                default -> {}
            }
        }

        void shift(double now) {
            if (now <= DAY) {
                for (int q = 0; q < n; q++) {
                    operatorHours += staffedOperators[q] * (now - lastShift);
                    officerHours += staffedOfficers[q] * (now - lastShift);
                }
            }
            lastShift = now;
            int h = (int) (now / 3600) % 24 / 8;
            for (int q = 0; q < n; q++) {
                freeOperators[q] += w.operators[q][h] - staffedOperators[q];
                staffedOperators[q] = w.operators[q][h];
                freeOfficers[q] += w.officers[q][h] - staffedOfficers[q];
                staffedOfficers[q] = w.officers[q][h];
            }
        }

        /** The queue's wait as the hotline's rescoring reads it. */
        double horizon(int q, double now) {
            java.util.ArrayDeque<double[]> recent = taken.get(q);
            while (!recent.isEmpty() && recent.peekFirst()[0] < now - QueueWait.WINDOW.toSeconds()) {
                recent.pollFirst();
            }
            double[] waits = new double[recent.size()];
            int i = 0;
            for (double[] t : recent) {
                waits[i++] = t[1];
            }
            return QueueWait.horizonSeconds(waits, i, dispatch.reachWithin().toSeconds());
        }

        /** Operators take the next calls (a city's its own, the province's any), officers the next visits. */
        void dispatch(double now) {
            for (int q = n - 1; q >= 0; q--) {
                while (freeOperators[q] > 0 && calls.size(q == 0 ? -1 : q) > 0) {
                    Waiting.Task t = calls.next(now, q == 0 ? -1 : q);
                    if (t == null) {
                        break;
                    }
                    answer(t, q, now);
                }
                java.util.ArrayDeque<Person> door = visits.get(q);
                while (freeOfficers[q] > 0 && !door.isEmpty()) {
                    Person p = door.pollFirst();
                    if (p.reachedAt <= now) {
                        continue; // reached meanwhile: the visit is cancelled
                    }
                    freeOfficers[q]--;
                    double there = 60 * Math.exp(Math.log(s.visitMedianMinutes()) + 0.5 * r.nextGaussian());
                    add(now + there, VISIT_FOUND, p, r.nextDouble() < 0.9 ? 1 : 0, null);
                    double back = there + 30 * 60;
                    if (now < DAY) {
                        officerBusy += Math.min(back, DAY - now);
                    }
                    add(now + back, VISIT_END, p, q, null);
                }
            }
        }

        void answer(Waiting.Task t, int operatorQueue, double now) {
            Person p = t.person;
            if (p.reachedAt <= now) {
                p.callWaiting = false;
                return; // reached meanwhile: the task is cancelled
            }
            if (t.attempts == 0
                    && now - t.created
                            > warnings.deadline(t.urgency).acknowledge().toSeconds()) {
                missed++;
            }
            taken.get(t.queue).addLast(new double[] {now, now - t.created});
            freeOperators[operatorQueue]--;
            boolean answered = r.nextDouble() < s.answerRate();
            double talk = answered ? 60 * Math.exp(Math.log(s.callMinutes()) + 0.5 * r.nextGaussian()) : 60;
            if (now < DAY) {
                operatorBusy += Math.min(talk, DAY - now);
            }
            add(now + talk, CALL_END, p, operatorQueue, null);
            if (answered) {
                p.callWaiting = false;
                add(now + 60, REACHED, p, 0, null);
            } else {
                failed(p, org.fanzha.contact.Channel.HUMAN_CALL, now);
                if (t.attempts < 2) {
                    add(now + 15 * 60, RETRY, p, t.attempts + 1, null);
                } else {
                    p.callWaiting = false;
                }
            }
        }

        /** A call for an operator: one open call per warning, as the hotline keeps it. */
        void call(Person p, double now, int attempts) {
            if (p.reachedAt <= now || (attempts == 0 && p.callWaiting)) {
                return;
            }
            p.callWaiting = true;
            Waiting.Task t = new Waiting.Task();
            t.person = p;
            t.queue = p.queue;
            t.urgency = p.urgency;
            t.created = now;
            t.seq = seq++;
            t.attempts = attempts;
            calls.add(t);
        }

        void addStep(Person p, ContactProperties.Step spec, double from) {
            Step st = new Step();
            st.spec = spec;
            st.due = from + spec.delay().toSeconds();
            p.steps.add(st);
            schedule(p, st);
        }

        void schedule(Person p, Step st) {
            if (st.spec.when() != org.fanzha.contact.RunWhen.AFTER_FAILURES) {
                add(st.due, STEP, p, st.version, st);
            }
        }

        void start(Person p, Step step, double now) {
            if (p.reachedAt <= now) {
                return; // the first confirmed contact cancels the steps still pending
            }
            step.waiting = false;
            switch (step.spec.channel()) {
                case SMS -> {} // a warning SMS is sent, but it confirms no contact
                case ROBOT_CALL -> {
                    double u = r.nextDouble();
                    int answer = r.nextDouble() >= s.robotConnectRate()
                            ? 0
                            : u < s.robotSafeRate() ? 1 : u < s.robotSafeRate() + s.robotAtRiskRate() ? 2 : 3;
                    add(now + 120, ROBOT_RESULT, p, answer, null);
                }
                case HUMAN_CALL -> call(p, now, 0);
                case VISIT -> visits.get(p.queue == 0 ? p.home : p.queue).addLast(p);
            }
        }

        /** A robot's answer: 0 nobody answered, 1 the person confirmed safe, 2 at risk, 3 hung up. */
        void robotAnswered(Person p, int answer, double now) {
            if (p.reachedAt <= now) {
                return;
            }
            if (answer == 1) {
                p.reachedAt = now;
                return;
            }
            boolean upgrade = answer == 2;
            if (answer == 0) {
                p.robotNoAnswer++;
                upgrade |= p.robotNoAnswer >= contact.robotFailuresToUpgrade();
            }
            failed(p, org.fanzha.contact.Channel.ROBOT_CALL, now);
            if (upgrade && p.urgency != Urgency.RED) {
                raise(p, now);
            }
        }

        /** As the contact module raises a plan: the new level's steps from now, a waiting step of the channel retimed, none tried twice. */
        void raise(Person p, double now) {
            p.urgency = p.urgency.raised();
            raised++;
            for (ContactProperties.Step spec : contact.plan(p.urgency)) {
                List<Step> same = p.steps.stream()
                        .filter(x -> x.spec.channel() == spec.channel())
                        .toList();
                Step waiting = same.stream().filter(x -> x.waiting).findFirst().orElse(null);
                if (waiting != null) {
                    waiting.spec = spec;
                    waiting.due = now + spec.delay().toSeconds();
                    waiting.version++;
                    schedule(p, waiting);
                } else if (same.isEmpty()) {
                    addStep(p, spec, now);
                }
            }
            release(p, now);
        }

        /** A failed attempt: the plan's steps waiting for failures of that channel come due. */
        void failed(Person p, org.fanzha.contact.Channel channel, double now) {
            p.failures[channel.ordinal()]++;
            release(p, now);
        }

        void release(Person p, double now) {
            int total = java.util.Arrays.stream(p.failures).sum();
            for (Step st : p.steps) {
                ContactProperties.Step spec = st.spec;
                if (spec.when() == org.fanzha.contact.RunWhen.AFTER_FAILURES && st.waiting) {
                    int k = spec.of() == null ? total : p.failures[spec.of().ordinal()];
                    if (k >= spec.failures()) {
                        add(Math.max(now, st.due), STEP, p, st.version, st);
                    }
                }
            }
        }

        PolicyResult result(List<Person> day, World w) {
            int victims = 0;
            int reachedFirst = 0;
            double yuan = 0;
            List<Long> contacts = new ArrayList<>();
            int[] cityWarnings = new int[n];
            int[] cityVictims = new int[n];
            int[] cityReached = new int[n];
            double[] cityYuan = new double[n];
            for (Person p : day) {
                cityWarnings[p.queue]++;
                if (Double.isFinite(p.reachedAt)) {
                    contacts.add((long) (p.reachedAt - p.arrival));
                }
                if (p.willPay) {
                    victims++;
                    cityVictims[p.queue]++;
                    if (p.reachedAt < p.payAt) {
                        reachedFirst++;
                        yuan += p.loss;
                        cityReached[p.queue]++;
                        cityYuan[p.queue] += p.loss;
                    }
                }
            }
            contacts.sort(null);
            Map<String, CityResult> cities = new LinkedHashMap<>();
            for (int q = 0; q < n; q++) {
                if (cityWarnings[q] > 0) {
                    cities.put(
                            w.queues.get(q),
                            new CityResult(
                                    w.names.get(q),
                                    cityWarnings[q],
                                    cityVictims[q],
                                    cityReached[q],
                                    yuan(cityYuan[q])));
                }
            }
            return new PolicyResult(
                    policy.name(),
                    victims == 0 ? 0 : Math.round(10_000.0 * reachedFirst / victims) / 10_000.0,
                    yuan(yuan),
                    contacts.isEmpty() ? null : contacts.get((int) Math.ceil(0.5 * contacts.size()) - 1),
                    contacts.isEmpty() ? null : contacts.get((int) Math.ceil(0.9 * contacts.size()) - 1),
                    missed,
                    share(operatorBusy, operatorHours),
                    share(officerBusy, officerHours),
                    victims,
                    reachedFirst,
                    raised,
                    cities);
        }
    }

    private static double share(double busy, double available) {
        return available == 0 ? 0 : Math.round(1000 * busy / available) / 1000.0;
    }

    private static String yuan(double v) {
        return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    /** The people's home cities in the day, for a profile (tests). */
    static Map<Integer, Long> homes(List<Person> day) {
        return day.stream().collect(Collectors.groupingBy(p -> p.home, Collectors.counting()));
    }
}

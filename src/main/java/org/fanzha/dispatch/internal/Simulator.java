package org.fanzha.dispatch.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.commons.math3.distribution.EnumeratedDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.util.Pair;
import org.fanzha.contact.Channel;
import org.fanzha.contact.ContactProperties;
import org.fanzha.contact.RunWhen;
import org.fanzha.dispatch.DispatchProperties;
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
 * rules (warning.Triage), the contact plans (fanzha.contact.plans), the deadlines
 * (fanzha.warning.deadlines), the survival model's fit (Fitter, on a simulated day before, as the
 * nightly refit learns from real ones) and the hotline's order by expected loss (DispatchOrder) —
 * and simulates only what the world does: when people pay, whether they answer, how long a call
 * takes. Deterministic for a seed.
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
            int wouldBeVictims,
            int reachedBeforePayment) {}

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

    Simulator(Triage triage, ContactProperties contact, WarningProperties warnings, DispatchProperties dispatch) {
        this.triage = triage;
        this.contact = contact;
        this.warnings = warnings;
        this.dispatch = dispatch;
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

        Urgency urgency;
        String rule;
        boolean willPay;
        double payAt;
        double loss;
        WarningHistory.Features features;
        double margin = Double.NaN;
        // per run
        double reachedAt;
        int[] failures;
        boolean[] stepDone;
    }

    record Event(double at, long seq, int kind, Person person, int arg) {}

    static final int STEP = 0;
    static final int CALL_END = 1;
    static final int REACHED = 2;
    static final int SHIFT = 3;
    static final int RETRY = 4;
    static final int ROBOT_RESULT = 5;
    static final int RESCORE = 6;

    /** Runs the scenario under the three policies. */
    public Result run(Scenario s) {
        s.validate();
        long t0 = System.nanoTime();
        List<Person> day = people(s, s.seed());
        // the model learns from a day before, worked by the rules, as the nightly refit learns from real outcomes
        Survival model = null;
        try {
            List<Person> before = people(s, s.seed() + 7919);
            simulate(before, s, Policy.RULES, null, s.seed() + 1);
            Fitter.Fit fit = Fitter.fit(examples(before), dispatch);
            model = new Survival(fit.booster(), Fitter.SIGMA, "sim-" + s.seed(), fit.medianMinutes(), fit.medianLoss());
            score(day, model);
        } catch (ml.dmlc.xgboost4j.java.XGBoostError e) {
            model = null;
        }
        List<PolicyResult> results = new ArrayList<>();
        for (Policy p : Policy.values()) {
            results.add(simulate(day, s, p, p == Policy.EXPECTED_LOSS ? model : null, s.seed() + 2));
        }
        return new Result(
                results,
                s.seed(),
                s.leads(),
                s.staffScale(),
                model == null ? null : model.version,
                Math.round((System.nanoTime() - t0) / 1e7) / 100.0);
    }

    List<Person> people(Scenario s, long seed) {
        RandomGenerator r = new Well19937c(seed);
        List<Pair<Integer, Double>> hours = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            hours.add(new Pair<>(h, s.hourly().get(h)));
        }
        EnumeratedDistribution<Integer> hour = new EnumeratedDistribution<>(r, hours);
        List<Pair<FraudType, Double>> mix = new ArrayList<>();
        s.fraudMix().forEach((t, w) -> {
            if (w > 0) {
                mix.add(new Pair<>(t, w));
            }
        });
        EnumeratedDistribution<FraudType> types = new EnumeratedDistribution<>(r, mix);
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
            p.urgency = g.urgency();
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
            Instant at = midnight.plusMillis((long) (p.arrival * 1000));
            p.features = new WarningHistory.Features(
                    i + 1,
                    p.fraudType,
                    p.urgency,
                    p.rule,
                    p.source,
                    at,
                    at,
                    signals,
                    p.callMinutes,
                    p.amountAtRisk,
                    2 + r.nextInt(6),
                    r.nextBoolean() ? "M" : "F",
                    false,
                    List.of(),
                    "41");
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

    private PolicyResult simulate(List<Person> day, Scenario s, Policy policy, @Nullable Survival model, long seed) {
        RandomGenerator r = new Well19937c(seed);
        PriorityQueue<Event> events = new PriorityQueue<>(
                (a, b) -> a.at() != b.at() ? Double.compare(a.at(), b.at()) : Long.compare(a.seq(), b.seq()));
        long[] seq = {0};
        for (Person p : day) {
            p.reachedAt = Double.POSITIVE_INFINITY;
            p.failures = new int[Channel.values().length];
            List<ContactProperties.Step> plan = contact.plan(p.urgency);
            p.stepDone = new boolean[plan.size()];
            for (int k = 0; k < plan.size(); k++) {
                if (plan.get(k).when() != RunWhen.AFTER_FAILURES) {
                    events.add(new Event(p.arrival + plan.get(k).delay().toSeconds(), seq[0]++, STEP, p, k));
                }
            }
        }
        for (int h = 0; h <= 48; h += 8) {
            events.add(new Event(h * 3600.0, seq[0]++, SHIFT, day.isEmpty() ? null : day.get(0), h));
        }
        double wait = dispatch.reachWithin().toSeconds();
        Waiting queue = policy == Policy.FIFO
                ? Waiting.fifo()
                : policy == Policy.RULES || model == null
                        ? Waiting.rules()
                        : Waiting.byExpectedLoss(model, wait, warnings);
        if (policy == Policy.EXPECTED_LOSS && model != null) {
            for (double at = 0; at <= 48 * 3600; at += 30) {
                events.add(new Event(at, seq[0]++, RESCORE, day.isEmpty() ? null : day.get(0), 0));
            }
        }
        int[] free = {0};
        int[] staffed = {0};
        double[] busy = {0};
        double[] available = {0};
        double[] lastShift = {0};
        int missed = 0;
        while (!events.isEmpty()) {
            Event e = events.poll();
            double now = e.at();
            if (now > 48 * 3600) {
                break;
            }
            Person p = e.person();
            switch (e.kind()) {
                case SHIFT -> {
                    if (now <= 24 * 3600) {
                        available[0] += staffed[0] * (now - lastShift[0]);
                    }
                    lastShift[0] = now;
                    int h = (int) (now / 3600) % 24;
                    int want = (int) Math.round(s.operators().get(h / 8) * s.staffScale());
                    free[0] += want - staffed[0];
                    staffed[0] = want;
                }
                case STEP -> step(p, e.arg(), now, s, r, events, seq, queue);
                case RETRY -> {
                    Waiting.Task t = new Waiting.Task();
                    t.person = p;
                    t.created = now;
                    t.seq = seq[0]++;
                    t.attempts = e.arg();
                    queue.add(t);
                }
                case ROBOT_RESULT -> {
                    if (p.reachedAt > now) {
                        if (e.arg() == 1) {
                            p.reachedAt = now;
                        } else {
                            failed(p, Channel.ROBOT_CALL, now, events, seq);
                        }
                    }
                }
                case REACHED -> p.reachedAt = Math.min(p.reachedAt, now);
                case RESCORE -> queue.rescore(now);
                case CALL_END -> free[0]++;
                default -> {}
            }
            // operators take the next calls
            while (free[0] > 0 && queue.size() > 0) {
                Waiting.Task t = queue.next(now);
                if (t == null) {
                    break;
                }
                if (t.person.reachedAt <= now) {
                    continue; // reached meanwhile: the task is cancelled
                }
                if (now - t.created
                                > warnings.deadline(t.person.urgency)
                                        .acknowledge()
                                        .toSeconds()
                        && t.attempts == 0) {
                    missed++;
                }
                free[0]--;
                boolean answered = r.nextDouble() < s.answerRate();
                double talk = answered ? 60 * Math.exp(Math.log(s.callMinutes()) + 0.5 * r.nextGaussian()) : 60;
                if (now < 24 * 3600) {
                    busy[0] += Math.min(talk, 24 * 3600 - now);
                }
                events.add(new Event(now + talk, seq[0]++, CALL_END, t.person, 0));
                if (answered) {
                    events.add(new Event(now + 60, seq[0]++, REACHED, t.person, 0));
                } else {
                    failed(t.person, Channel.HUMAN_CALL, now, events, seq);
                    if (t.attempts < 2) {
                        events.add(new Event(now + 15 * 60, seq[0]++, RETRY, t.person, t.attempts + 1));
                    }
                }
            }
        }
        missed += queue.size(); // never called within the two days
        return result(day, policy, missed, available[0] == 0 ? 0 : busy[0] / available[0]);
    }

    private void step(
            Person p,
            int k,
            double now,
            Scenario s,
            RandomGenerator r,
            PriorityQueue<Event> events,
            long[] seq,
            Waiting queue) {
        List<ContactProperties.Step> plan = contact.plan(p.urgency);
        ContactProperties.Step step = plan.get(k);
        if (p.stepDone[k] || p.reachedAt <= now) {
            return; // the first confirmed contact cancels the steps still pending
        }
        if (step.when() == RunWhen.NOT_CONTACTED && p.reachedAt <= now) {
            return;
        }
        p.stepDone[k] = true;
        switch (step.channel()) {
            case SMS -> {} // a warning SMS is sent, but it confirms no contact
            case ROBOT_CALL -> {
                boolean safe = r.nextDouble() < s.robotConnectRate() && r.nextDouble() < s.robotSafeRate();
                events.add(new Event(now + 120, seq[0]++, ROBOT_RESULT, p, safe ? 1 : 0));
            }
            case HUMAN_CALL -> {
                Waiting.Task t = new Waiting.Task();
                t.person = p;
                t.created = now;
                t.seq = seq[0]++;
                queue.add(t);
            }
            case VISIT -> {
                if (r.nextDouble() < 0.9) {
                    double there = 60 * Math.exp(Math.log(s.visitMedianMinutes()) + 0.5 * r.nextGaussian());
                    events.add(new Event(now + there, seq[0]++, REACHED, p, 0));
                }
            }
        }
    }

    /** A failed attempt: the plan's steps waiting for failures of that channel come due. */
    private void failed(Person p, Channel channel, double now, PriorityQueue<Event> events, long[] seq) {
        p.failures[channel.ordinal()]++;
        List<ContactProperties.Step> plan = contact.plan(p.urgency);
        int total = Arrays.stream(p.failures).sum();
        for (int k = 0; k < plan.size(); k++) {
            ContactProperties.Step st = plan.get(k);
            if (st.when() == RunWhen.AFTER_FAILURES && !p.stepDone[k]) {
                int n = st.of() == null ? total : p.failures[st.of().ordinal()];
                if (n >= st.failures()) {
                    events.add(new Event(Math.max(now, p.arrival + st.delay().toSeconds()), seq[0]++, STEP, p, k));
                }
            }
        }
    }

    private static PolicyResult result(List<Person> day, Policy policy, int missed, double utilisation) {
        int victims = 0;
        int reachedFirst = 0;
        double yuan = 0;
        List<Long> contact = new ArrayList<>();
        for (Person p : day) {
            if (Double.isFinite(p.reachedAt)) {
                contact.add((long) (p.reachedAt - p.arrival));
            }
            if (p.willPay) {
                victims++;
                if (p.reachedAt < p.payAt) {
                    reachedFirst++;
                    yuan += p.loss;
                }
            }
        }
        contact.sort(null);
        return new PolicyResult(
                policy.name(),
                victims == 0 ? 0 : Math.round(10_000.0 * reachedFirst / victims) / 10_000.0,
                BigDecimal.valueOf(yuan)
                        .setScale(2, java.math.RoundingMode.HALF_UP)
                        .toPlainString(),
                contact.isEmpty() ? null : contact.get((int) Math.ceil(0.5 * contact.size()) - 1),
                contact.isEmpty() ? null : contact.get((int) Math.ceil(0.9 * contact.size()) - 1),
                missed,
                Math.round(utilisation * 1000) / 1000.0,
                victims,
                reachedFirst);
    }
}

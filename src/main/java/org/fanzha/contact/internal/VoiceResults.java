package org.fanzha.contact.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.fanzha.platform.FieldError;
import org.fanzha.platform.InvalidInput;
import org.fanzha.platform.ProblemException;
import org.fanzha.platform.Texts;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Results the call centre reports for robot calls, applied once per call id: the first result
 * ends the call and its contact step (a repeat of it is acknowledged and changes nothing; a
 * different one for the same call is a conflict). ANSWERED_SAFE is a confirmed contact;
 * ANSWERED_AT_RISK raises the warning; NO_ANSWER, BUSY and HUNG_UP count towards raising it;
 * FAILED (the centre could not place the call) only hands the person on.
 */
@Service
class VoiceResults {

    static final Set<String> RESULTS =
            Set.of("ANSWERED_SAFE", "ANSWERED_AT_RISK", "NO_ANSWER", "BUSY", "HUNG_UP", "FAILED");
    private static final java.util.regex.Pattern CALL_ID = java.util.regex.Pattern.compile("[A-Za-z0-9._:-]{1,40}");
    private static final java.util.regex.Pattern KEYS = java.util.regex.Pattern.compile("[0-9*#]{0,20}");

    private final VoiceCalls calls;
    private final ContactWork work;
    private final Clock clock;

    VoiceResults(VoiceCalls calls, ContactWork work, Clock clock) {
        this.calls = calls;
        this.work = work;
        this.clock = clock;
    }

    /** A result as the call centre posts it. */
    record Report(
            @Nullable String callId,
            @Nullable String result,
            @Nullable Integer durationSeconds,
            @Nullable String keypresses,
            @Nullable String intent,
            @Nullable String recordingRef) {}

    /** What became of a report: applied, or a repeat of the result the call already has. */
    record Applied(String callId, String result, boolean repeated) {}

    /** Every bad field of a report, or none. */
    static List<FieldError> check(Report r) {
        List<FieldError> errors = new ArrayList<>();
        if (r.callId() == null || r.callId().isBlank()) {
            errors.add(FieldError.of("callId", "error.required", null));
        } else if (!CALL_ID.matcher(r.callId()).matches()) {
            errors.add(FieldError.of("callId", "error.wrongForm", r.callId().length() > 40 ? null : r.callId()));
        }
        if (r.result() == null || !RESULTS.contains(r.result())) {
            errors.add(FieldError.of(
                    "result",
                    "error.oneOf",
                    r.result() == null || r.result().length() > 20 ? null : r.result(),
                    String.join(", ", RESULTS.stream().sorted().toList())));
        }
        if (r.durationSeconds() != null && (r.durationSeconds() < 0 || r.durationSeconds() > 86_400)) {
            errors.add(FieldError.of("durationSeconds", "error.range", r.durationSeconds(), 0, 86_400));
        }
        if (r.keypresses() != null && !KEYS.matcher(r.keypresses()).matches()) {
            errors.add(FieldError.of("keypresses", "error.wrongForm", null));
        }
        if (r.intent() != null && (r.intent().length() > 40 || hasControl(r.intent()))) {
            errors.add(FieldError.of("intent", "error.maxPrintable", null, 40));
        }
        if (r.recordingRef() != null && (r.recordingRef().length() > 200 || hasControl(r.recordingRef()))) {
            errors.add(FieldError.of("recordingRef", "error.maxPrintable", null, 200));
        }
        return errors;
    }

    private static boolean hasControl(String text) {
        return text.chars().anyMatch(Character::isISOControl);
    }

    @Transactional
    Applied apply(Report report) {
        List<FieldError> errors = check(report);
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        String callId = java.util.Objects.requireNonNull(report.callId());
        String result = java.util.Objects.requireNonNull(report.result());
        var call = calls.lock(callId)
                .orElseThrow(() -> new ProblemException(
                        HttpStatus.NOT_FOUND,
                        "unknown-call",
                        "problem.unknownCall.title",
                        "problem.unknownCall.detail",
                        List.of(callId),
                        java.util.Map.of()) {});
        if (call.ended()) {
            if (result.equals(call.result())) {
                return new Applied(callId, result, true);
            }
            throw new ProblemException(
                    HttpStatus.CONFLICT,
                    "call-ended",
                    "problem.callEnded.title",
                    "problem.callEnded.detail",
                    List.of(callId, String.valueOf(call.result())),
                    java.util.Map.of()) {};
        }
        Instant now = clock.instant();
        calls.end(
                call.id(),
                result,
                report.durationSeconds(),
                report.keypresses(),
                report.intent(),
                report.recordingRef(),
                now);
        if (call.stepId() != null) {
            work.answered(call.stepId(), answer(call, report));
        }
        return new Applied(callId, result, false);
    }

    static ContactWork.Answer answer(VoiceCalls.Call call, Report r) {
        String result = r.result();
        String note = Texts.encode(
                "contact.note.robot",
                "#" + Scripts.topicKey(call.scriptTopic()),
                call.scriptVersion(),
                r.durationSeconds() == null ? 0 : r.durationSeconds(),
                r.keypresses() == null || r.keypresses().isEmpty() ? "—" : r.keypresses());
        boolean safe = "ANSWERED_SAFE".equals(result);
        boolean atRisk = "ANSWERED_AT_RISK".equals(result);
        boolean noAnswer = Set.of("NO_ANSWER", "BUSY", "HUNG_UP").contains(result);
        return new ContactWork.Answer(result, !safe, safe, atRisk, noAnswer, call.callId(), note);
    }
}

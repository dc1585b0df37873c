package org.fanzha.contact.internal;

import jakarta.servlet.http.HttpServletRequest;
import org.fanzha.platform.ProblemException;
import org.fanzha.platform.Signatures;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where the call centre reports robot call results. No bearer token: the body is signed with the
 * call centre's shared secret ({@code X-Fanzha-Signature: sha256=<hex>}, HMAC-SHA256 of the body,
 * as the bank webhooks are); an unsigned or wrongly signed report is 401 and changes nothing.
 */
@RestController
class VoiceResultsController {

    private final VoiceResults results;
    private final VoiceCentre centre;
    private final JsonMapper json;

    VoiceResultsController(VoiceResults results, VoiceCentre centre, JsonMapper json) {
        this.results = results;
        this.centre = centre;
        this.json = json;
    }

    @PostMapping(path = "/api/v1/contact/voice-results", consumes = MediaType.APPLICATION_JSON_VALUE)
    VoiceResults.Applied report(
            @RequestHeader(name = Signatures.HEADER, required = false) @Nullable String signature,
            @RequestBody byte[] body,
            HttpServletRequest request) {
        var target = centre.target();
        if (target == null || !Signatures.verify(target.secret(), body, signature)) {
            throw new ProblemException(
                    HttpStatus.UNAUTHORIZED,
                    "bad-signature",
                    "problem.badSignature.title",
                    "problem.badSignature.detail",
                    java.util.List.of(Signatures.HEADER),
                    java.util.Map.of()) {};
        }
        VoiceResults.Report report;
        try {
            report = json.readValue(body, VoiceResults.Report.class);
        } catch (JacksonException e) {
            throw new HttpMessageNotReadableException(
                    "unreadable voice result", e, new ServletServerHttpRequest(request));
        }
        if (report == null) {
            throw new HttpMessageNotReadableException(
                    "empty voice result", null, new ServletServerHttpRequest(request));
        }
        return results.apply(report);
    }
}

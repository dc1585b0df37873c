package org.fanzha.platform.web;

import java.util.Map;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;

/**
 * The error page says why, where the status alone would mislead: a refused form whose CSRF token
 * had expired is a 403, but the user's role is not the cause ({@code reason = "csrf"}).
 */
@Component
class ErrorReasons extends DefaultErrorAttributes {

    /** The request attribute naming the reason of a refusal. */
    public static final String REASON = "fanzha.error-reason";

    @Override
    public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
        Map<String, Object> attributes = super.getErrorAttributes(request, options);
        Object reason = request.getAttribute(REASON, RequestAttributes.SCOPE_REQUEST);
        attributes.put("reason", reason == null ? "" : reason.toString());
        return attributes;
    }
}

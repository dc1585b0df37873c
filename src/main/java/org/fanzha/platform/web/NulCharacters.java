package org.fanzha.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fanzha.platform.FieldError;
import org.fanzha.platform.InvalidInput;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * NUL (U+0000) is refused at the edge: no text we keep may hold it (PostgreSQL refuses it, and it
 * hides the rest of a value from many tools). This filter checks query and form parameters, field
 * by field; JSON bodies are checked as they are read ({@link TextInput}). Multipart uploads are
 * left to their parsers, which report bad lines.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class NulCharacters extends OncePerRequestFilter {

    private final JsonMapper json;

    NulCharacters(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        List<FieldError> errors = new ArrayList<>();
        for (Map.Entry<String, String[]> p : request.getParameterMap().entrySet()) {
            boolean nul = p.getKey().indexOf('\u0000') >= 0;
            for (String v : p.getValue()) {
                nul |= v.indexOf('\u0000') >= 0;
            }
            if (nul) {
                errors.add(new FieldError(p.getKey().replace('\u0000', '\uFFFD'), TextInput.NUL_REFUSED, null));
            }
        }
        if (errors.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        if (!request.getRequestURI().startsWith("/api/")) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), new InvalidInput(errors).getBody());
    }
}

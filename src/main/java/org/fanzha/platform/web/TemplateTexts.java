package org.fanzha.platform.web;

import org.fanzha.platform.Texts;
import org.jspecify.annotations.Nullable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** Stored texts as templates show them ({@code ${@texts.decode(e.note())}}), in the reader's language. */
@Component("texts")
public class TemplateTexts {

    public String decode(@Nullable String stored) {
        return Texts.decode(stored, LocaleContextHolder.getLocale());
    }
}

package org.fanzha.platform;

/**
 * Tells the people on duty in a unit that something needs them: an escalated warning, a new red
 * warning. The default keeps the notice in the app (shown to the unit's staff) and logs it; an
 * SMS gateway or 警务通 adapter is another implementation of this interface.
 */
public interface Notifier {

    void notify(Notice notice);

    /**
     * @param unitCode the unit whose duty staff are told
     * @param kind what happened: ESCALATED, RED_WARNING …
     * @param subject the record, e.g. "warning 42"
     * @param text one line for a person, without full personal data
     * @param link where the page is, e.g. /warnings/42
     * @param to the one person it is for (a username), instead of the unit's staff on duty
     */
    record Notice(
            String unitCode,
            String kind,
            String subject,
            String text,
            String link,
            @org.jspecify.annotations.Nullable String to) {

        public Notice(String unitCode, String kind, String subject, String text, String link) {
            this(unitCode, kind, subject, text, link, null);
        }
    }
}

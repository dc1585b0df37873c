package org.fanzha.staff;

import java.util.List;

/**
 * A notice was kept for a unit's staff on duty (escalations, new red warnings, funds deadlines):
 * for telling them by other ways too, e.g. an SMS (the contact module).
 *
 * @param text the notice's line as stored (an encoded bundle key, {@link org.fanzha.platform.Texts#decode})
 * @param recipients the usernames of those on duty it is for
 */
public record NoticeSent(
        String unitCode, String kind, String subject, String text, String link, List<String> recipients) {}

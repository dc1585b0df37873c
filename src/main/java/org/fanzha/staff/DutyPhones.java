package org.fanzha.staff;

import java.util.Collection;
import java.util.Map;

/**
 * The mobile numbers of staff, for telling them of their notices by SMS (a system lookup, not a
 * person's: the numbers go to the SMS outbox only, never to a page or the API).
 */
public interface DutyPhones {

    /** Username → phone, for the enabled accounts among these that have one. */
    Map<String, String> of(Collection<String> usernames);
}

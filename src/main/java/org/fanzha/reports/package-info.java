/**
 * The public's front door (公众端): a member of the public reports a fraud — who they are, what
 * the fraudster used, the transfers they made, their evidence — without an account, gets a
 * receipt and a status token, and follows the report; each report is a PUBLIC_REPORT lead and its
 * identifiers are sightings on the risk list. The 96110 hotline enters inbound calls through the
 * same form (HOTLINE_REPORT).
 */
@NullMarked
@ApplicationModule(displayName = "Public reports")
package org.fanzha.reports;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

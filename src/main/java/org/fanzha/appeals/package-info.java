/**
 * Appeals (申诉): a holder contests a listing — a blocked site, a risk-list entry, a frozen
 * account — with their reasons and evidence, from the public page or the API, and follows it by
 * a reference and a token; a reviewer of the listing's module decides, and a lifted listing
 * leaves every feed. One engine: each module names what may be appealed through an
 * {@link org.fanzha.appeals.AppealSubject} and does the lifting itself.
 */
@NullMarked
@ApplicationModule(displayName = "Appeals")
package org.fanzha.appeals;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

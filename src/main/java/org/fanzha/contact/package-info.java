/**
 * Reaching the person in time (触达): a contact plan per urgency runs for every warning — warning
 * SMS over SMPP to the carrier's SMSC, robot calls through the call centre, a human call or a
 * visit handed to the 96110 hotline — each step claimed once on any instance and recorded as a
 * contact attempt on the warning's timeline; the first confirmed contact stops what is still
 * pending.
 */
@NullMarked
@ApplicationModule(displayName = "Contact")
package org.fanzha.contact;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

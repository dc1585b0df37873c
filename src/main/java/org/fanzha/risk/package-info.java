/**
 * The risk list (涉诈风险名单): phone numbers, bank and payment accounts, WeChat and QQ ids, apps,
 * digital-yuan wallets and crypto addresses seen in fraud, each graded MEDIUM, HIGH or VERY_HIGH
 * by named rules from its sightings (a case, a warning, a trace, a bank, a public report, a
 * partner's feedback) and by review; checked by banks, payment institutions and carriers, who keep
 * a copy through its serial-numbered changes. Domains, URLs and IPs stay in the blocklist and are
 * answered from it.
 */
@NullMarked
@ApplicationModule(displayName = "Risk list")
package org.fanzha.risk;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

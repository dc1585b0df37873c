package org.fanzha.cases;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of cases ({@code fanzha.cases.*}).
 *
 * @param numberPatterns the accepted case-number patterns (regular expressions); the usual form is
 *     {@code A} + the 12-digit code of the police organ + year and month + a 4-digit serial
 * @param nonLinkingSuggestion an identifier carried by more cases than this is suggested as non-linking
 */
@ConfigurationProperties("fanzha.cases")
public record CaseProperties(
        @DefaultValue("A[0-9]{12}(19|20)[0-9]{2}(0[1-9]|1[0-2])[0-9]{4}")
        List<String> numberPatterns,

        @DefaultValue("50") int nonLinkingSuggestion) {}

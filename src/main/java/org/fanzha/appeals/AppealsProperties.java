package org.fanzha.appeals;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Appeals ({@code fanzha.appeals.*}).
 *
 * @param maxEvidenceFiles files one appeal may carry at most
 * @param maxEvidenceSize the largest one file may be (JPEG, PNG or PDF)
 */
@ConfigurationProperties("fanzha.appeals")
public record AppealsProperties(
        @DefaultValue("5") int maxEvidenceFiles,
        @DefaultValue("5MB") DataSize maxEvidenceSize) {}

package org.fanzha.platform;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings shared by all modules ({@code fanzha.platform.*}).
 *
 * @param maxBodySize the largest request body the API accepts
 * @param bodyLimits larger limits for named paths (bulk intake), path prefix → size
 */
@ConfigurationProperties("fanzha.platform")
public record PlatformProperties(
        @DefaultValue("1MB") DataSize maxBodySize,
        @DefaultValue Map<String, DataSize> bodyLimits) {

    public DataSize limitFor(String path) {
        return bodyLimits.entrySet().stream()
                .filter(e -> path.startsWith(e.getKey()))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(maxBodySize);
    }
}

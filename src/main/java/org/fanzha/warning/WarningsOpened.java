package org.fanzha.warning;

import java.util.List;

/**
 * Warnings opened by one transaction of batch intake: one event for the lot, so that bulk
 * intake costs one event publication per batch rather than one per warning.
 */
public record WarningsOpened(List<WarningOpened> warnings) {

    public WarningsOpened {
        warnings = List.copyOf(warnings);
    }
}

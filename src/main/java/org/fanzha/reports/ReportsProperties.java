package org.fanzha.reports;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Public reports ({@code fanzha.reports.*}).
 *
 * @param maxEvidenceFiles files one report may carry
 * @param maxEvidenceSize the largest one file may be (image, PDF or recording, checked by its bytes)
 * @param maxTransfers transfers one report may list
 * @param maxIdentifiers what the fraudster used, at most this many values
 * @param stopWindow a transfer reported within this long of being made sends the report to the province desk, RED, for a stop-payment
 * @param perPhonePerHour reports one phone may file an hour (held in the database, for every instance)
 * @param perAddressPerHour reports (and status reads) one client address may make an hour (0: no limit by address)
 * @param confirmWithin a stop sent at once (a receiving account VERY_HIGH on the risk list) is confirmed by an officer within this, or the province desk is told
 * @param followFor how long after a report its reporter is told of what the banks hold and of a return (by SMS where configured)
 * @param retention a report that made no case keeps its evidence and its reporter's phone this long after it came
 */
@ConfigurationProperties("fanzha.reports")
public record ReportsProperties(
        @DefaultValue("10") int maxEvidenceFiles,
        @DefaultValue("20MB") DataSize maxEvidenceSize,
        @DefaultValue("20") int maxTransfers,
        @DefaultValue("20") int maxIdentifiers,
        @DefaultValue("72h") Duration stopWindow,
        @DefaultValue("5") int perPhonePerHour,
        @DefaultValue("20") int perAddressPerHour,
        @DefaultValue("30m") Duration confirmWithin,
        @DefaultValue("180d") Duration followFor,
        @DefaultValue("365d") Duration retention) {}

package org.fanzha.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.events.EventPublication;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;

/** What is taken up after a start: publications from before it, except those that failed too often. */
@Tag("fast")
class OutstandingEventsTest {

    record Publication(Instant at, int attempts, String name) implements EventPublication {
        @Override
        public UUID getIdentifier() {
            return UUID.nameUUIDFromBytes(name.getBytes());
        }

        @Override
        public Object getEvent() {
            return name;
        }

        @Override
        public Instant getPublicationDate() {
            return at;
        }

        @Override
        public Optional<Instant> getCompletionDate() {
            return Optional.empty();
        }

        @Override
        public Status getStatus() {
            return Status.FAILED;
        }

        @Override
        public Instant getLastResubmissionDate() {
            return at;
        }

        @Override
        public int getCompletionAttempts() {
            return attempts;
        }
    }

    /** The registry's incomplete publications, resubmitted when the filter takes them. */
    static class Registry implements IncompleteEventPublications {
        final List<Publication> incomplete = new ArrayList<>();
        final List<String> resubmitted = new ArrayList<>();

        @Override
        public void resubmitIncompletePublications(Predicate<EventPublication> filter) {
            incomplete.stream().filter(filter).forEach(p -> resubmitted.add(p.name()));
        }

        @Override
        public void resubmitIncompletePublicationsOlderThan(java.time.Duration duration) {
            Instant before = Instant.now().minus(duration);
            resubmitIncompletePublications(p -> p.getPublicationDate().isBefore(before));
        }

        @Override
        public void resubmitIncompletePublications(ResubmissionOptions options) {
            resubmitIncompletePublications(options.getFilter());
        }
    }

    @Test
    void publicationsFromBeforeTheStartAreTakenUpExceptThoseThatFailedTooOften() {
        Instant start = Instant.parse("2026-12-04T10:00:00Z");
        Registry registry = new Registry();
        registry.incomplete.add(new Publication(start.minusSeconds(30), 0, "left by the crash"));
        registry.incomplete.add(new Publication(start.minusSeconds(3600), 3, "failed three times"));
        registry.incomplete.add(new Publication(start.minusSeconds(60), 10, "failed ten times"));
        registry.incomplete.add(new Publication(start.plusSeconds(1), 0, "published since the start"));
        OutstandingEvents events = new OutstandingEvents(registry, Clock.fixed(start, ZoneOffset.UTC), 10, true);

        assertThat(events.resubmit(start)).isEqualTo(2);
        assertThat(registry.resubmitted).containsExactly("left by the crash", "failed three times");
    }
}

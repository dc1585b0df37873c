package org.fanzha.risk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.fanzha.risk.RiskList;
import org.fanzha.risk.RiskType;
import org.fanzha.risk.Sighting;
import org.fanzha.risk.SightingKind;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.json.JsonMapper;

/** The risk list's changes on the topic fanzha.risk.changes, on the in-JVM broker of spring-kafka-test. */
@SpringBootTest(
        properties = {
            "FANZHA_KAFKA_BOOTSTRAP=${spring.embedded.kafka.brokers}",
            "spring.datasource.url=jdbc:h2:mem:riskkafka;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
            "fanzha.scheduling.enabled=false"
        })
@ActiveProfiles("test")
@EmbeddedKafka(
        partitions = 1,
        topics = {"fanzha.risk.changes"})
class RiskKafkaTest {

    @Autowired
    RiskList list;

    @Autowired
    RiskChangesToKafka publisher;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    JsonMapper json;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void changesArePublishedInSerialOrderOnceTheBrokerAcknowledged() throws Exception {
        list.record(List.of(
                new Sighting(
                        RiskType.PHONE,
                        "13937911111",
                        SightingKind.PARTNER_CONFIRMED_FRAUD,
                        Instant.now(),
                        "PARTNER",
                        "k1",
                        "bank",
                        null,
                        null,
                        false),
                new Sighting(
                        RiskType.QQ,
                        "87654321",
                        SightingKind.PUBLIC_REPORT,
                        Instant.now(),
                        "REPORT",
                        "k2",
                        "r1",
                        null,
                        null,
                        false)));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM risk_change")
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
        assertThat(jdbc.sql("SELECT serial FROM risk_kafka_cursor")
                        .query(Long.class)
                        .list())
                .containsExactly(0L);
        // published (by this call, or by a poll that claimed the cursor first), then never again
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            publisher.publish();
            assertThat(jdbc.sql("SELECT serial FROM risk_kafka_cursor")
                            .query(Long.class)
                            .single())
                    .isEqualTo(jdbc.sql("SELECT MAX(serial) FROM risk_change")
                            .query(Long.class)
                            .single());
        });
        assertThat(publisher.publish()).isZero();

        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "risk-reader", true);
        try (Consumer<String, String> consumer = new DefaultKafkaConsumerFactory<>(
                        props, new StringDeserializer(), new StringDeserializer())
                .createConsumer()) {
            broker.consumeFromAnEmbeddedTopic(consumer, "fanzha.risk.changes");
            var records = KafkaTestUtils.getRecords(consumer, Duration.ofSeconds(10), 2);
            List<String> keys = new java.util.ArrayList<>();
            List<Long> serials = new java.util.ArrayList<>();
            records.forEach(r -> {
                keys.add(r.key());
                var m = json.readTree(r.value());
                serials.add(m.get("serial").asLong());
                if (r.key().startsWith("PHONE")) {
                    assertThat(m.get("level").asText()).isEqualTo("HIGH");
                    assertThat(m.get("action").asText()).isEqualTo("CONFIRM");
                    assertThat(m.get("reason").asText()).isEqualTo("partner-confirmed");
                }
            });
            assertThat(keys).containsExactlyInAnyOrder("PHONE:+8613937911111", "QQ:87654321");
            // in the topic's order, serials go up
            assertThat(serials).isSorted().doesNotHaveDuplicates();
        }
    }
}

package org.fanzha.warning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.ActiveProfiles;

/** Leads from the Kafka topic fanzha.leads, on the in-JVM broker of spring-kafka-test. */
@SpringBootTest(
        properties = {
            "FANZHA_KAFKA_BOOTSTRAP=${spring.embedded.kafka.brokers}",
            "spring.datasource.url=jdbc:h2:mem:kafka;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
            "fanzha.scheduling.enabled=false"
        })
@ActiveProfiles("test")
@EmbeddedKafka(
        partitions = 1,
        topics = {"fanzha.leads", "fanzha.leads.rejected"})
class KafkaLeadsTest {

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Test
    void leadsOnTheTopicBecomeWarningsOnceAndBadRecordsAreSetAside() throws Exception {
        String run = Long.toString(System.nanoTime());
        String lead = """
                {"source":"TELECOM","sourceId":"K-%s-%d","phone":"1393790%04d","fraudType":"LOAN","partnerField":"ignored"}""";
        kafka.send("fanzha.leads", "a", lead.formatted(run, 1, 1)).get();
        kafka.send("fanzha.leads", "b", lead.formatted(run, 2, 2)).get();
        kafka.send("fanzha.leads", "a", lead.formatted(run, 1, 1)).get(); // redelivered by the partner
        kafka.send("fanzha.leads", "c", "{not json").get();
        kafka.send("fanzha.leads", "d", "{\"source\":\"TELECOM\",\"sourceId\":\"K-" + run + "-9\"}")
                .get();

        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.sql("SELECT COUNT(*) FROM lead WHERE source_id LIKE ?")
                                .param("K-" + run + "-%")
                                .query(Long.class)
                                .single()
                        == 2);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM warning WHERE phone IN ('13937900001', '13937900002')")
                        .query(Long.class)
                        .single())
                .isEqualTo(2);

        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "rejected-reader", true);
        try (Consumer<String, String> consumer = new DefaultKafkaConsumerFactory<>(
                        props, new StringDeserializer(), new StringDeserializer())
                .createConsumer()) {
            broker.consumeFromAnEmbeddedTopic(consumer, "fanzha.leads.rejected");
            var rejected = KafkaTestUtils.getRecords(consumer, Duration.ofSeconds(10), 2);
            List<String> keys = new java.util.ArrayList<>();
            rejected.forEach(r -> {
                keys.add(r.key());
                assertThat(r.headers().lastHeader("fanzha-reason")).isNotNull();
            });
            assertThat(keys).containsExactlyInAnyOrder("c", "d");
        }
    }
}

package org.fanzha.warning.internal;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.fanzha.platform.Actor;
import org.fanzha.platform.InvalidInput;
import org.fanzha.platform.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lead intake from the Kafka topic {@code fanzha.leads}, when {@code FANZHA_KAFKA_BOOTSTRAP} is
 * set. Each record is a lead in the same JSON as {@code POST /api/v1/leads}. Offsets are
 * committed only after the batch's leads are stored (a failure redelivers; intake is idempotent
 * on source id, so nothing is stored twice). A record that is no valid lead goes to
 * {@code fanzha.leads.rejected} with the reason in the header {@code fanzha-reason}, and the
 * rest of the batch goes on.
 */
@Component
@ConditionalOnExpression("'${FANZHA_KAFKA_BOOTSTRAP:}' != ''")
class KafkaLeads {

    private static final Logger log = LoggerFactory.getLogger(KafkaLeads.class);

    private final LeadValidator validator;
    private final LeadIntake intake;
    private final JsonMapper json;
    private final KafkaTemplate<String, String> kafka;
    private final String rejectedTopic;
    private final Actor actor;

    KafkaLeads(
            LeadValidator validator,
            LeadIntake intake,
            JsonMapper json,
            KafkaTemplate<String, String> kafka,
            @Value("${fanzha.kafka.leads.rejected-topic:fanzha.leads.rejected}") String rejectedTopic,
            @Value("${fanzha.kafka.leads.sources:}") Set<Source> sources) {
        this.validator = validator;
        this.intake = intake;
        this.json = json;
        this.kafka = kafka;
        this.rejectedTopic = rejectedTopic;
        this.actor = new Actor(
                Actor.Kind.PARTNER,
                0,
                "kafka:fanzha.leads",
                "Kafka",
                "41",
                Set.of(),
                Set.of(),
                sources.isEmpty() ? EnumSet.allOf(Source.class) : sources);
    }

    @KafkaListener(
            topics = "${fanzha.kafka.leads.topic:fanzha.leads}",
            groupId = "${fanzha.kafka.leads.group:fanzha}",
            batch = "true")
    void onLeads(List<ConsumerRecord<String, String>> records) {
        List<LeadValidator.Validated> valid = new java.util.ArrayList<>(records.size());
        for (ConsumerRecord<String, String> record : records) {
            String reason;
            try {
                var validated = validator.validate(json.readValue(record.value(), LeadRequest.class));
                if (actor.mayActFor(validated.lead().source())) {
                    valid.add(validated);
                    continue;
                }
                reason = "source " + validated.lead().source() + " is not accepted on this topic";
            } catch (InvalidInput e) {
                reason = e.errors().toString();
            } catch (JacksonException e) {
                reason = "not a lead in JSON: " + e.getOriginalMessage();
            }
            reject(record, reason);
        }
        // the valid leads of the poll are filed set-based; the offsets are committed after this returns
        if (!records.isEmpty()) {
            intake.acceptAll(
                    valid,
                    actor,
                    intake.request(actor, "kafka batch of " + records.size(), records.size() - valid.size()));
        }
    }

    private void reject(ConsumerRecord<String, String> record, String reason) {
        String clipped = reason.length() > 500 ? reason.substring(0, 500) : reason;
        log.warn("Kafka lead at {}-{}@{} rejected: {}", record.topic(), record.partition(), record.offset(), clipped);
        var out = new ProducerRecord<>(rejectedTopic, record.key(), record.value());
        out.headers().add("fanzha-reason", clipped.getBytes(StandardCharsets.UTF_8));
        kafka.send(out);
    }
}

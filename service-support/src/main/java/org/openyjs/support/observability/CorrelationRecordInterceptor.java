package org.openyjs.support.observability;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.openyjs.support.publishing.IntegrationEventKafkaConverter;
import org.openyjs.support.web.CorrelationIdFilter;
import org.slf4j.MDC;
import org.springframework.kafka.listener.RecordInterceptor;

import java.nio.charset.StandardCharsets;

/**
 * While a Kafka record is handled, its correlation id (from the producing request) is in the logging
 * context, and so on any command the handler sends: one request can be followed across services.
 */
public class CorrelationRecordInterceptor implements RecordInterceptor<Object, Object> {

    @Override
    public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
        Header header = record.headers().lastHeader(IntegrationEventKafkaConverter.CORRELATION_HEADER);
        if (header != null) {
            MDC.put(CorrelationIdFilter.MDC_KEY, new String(header.value(), StandardCharsets.UTF_8));
        }
        return record;
    }

    @Override
    public void afterRecord(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
        MDC.remove(CorrelationIdFilter.MDC_KEY);
    }
}

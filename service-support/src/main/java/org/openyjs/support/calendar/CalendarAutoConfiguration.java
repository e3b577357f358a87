package org.openyjs.support.calendar;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** The shared working-day calendar, bound from {@code yjs.calendar}. */
@AutoConfiguration
@EnableConfigurationProperties(WorkingDays.class)
public class CalendarAutoConfiguration {
}

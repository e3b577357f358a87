package org.openyjs.events;

/** The integration topics. They keep their whole history so kpi-service can rebuild from the first event. */
public final class Topics {

    /** Facts about a child's case, published by case-service, keyed by child id. */
    public static final String CASE_EVENTS = "yjs.case-events";

    /** Out-of-court panel decisions, published by panel-service, keyed by child id. */
    public static final String PANEL_EVENTS = "yjs.panel-events";

    private Topics() {
    }
}

package org.openyjs.kpi.comparator;

/** What a service's figure is compared with, as the YJB's comparison tables group services. */
public enum Comparator {
    /** The service's YOT family: services with similar demographics. */
    FAMILY,
    REGIONAL,
    /** England and Wales. */
    NATIONAL
}

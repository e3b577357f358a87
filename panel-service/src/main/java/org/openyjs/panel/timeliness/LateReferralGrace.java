package org.openyjs.panel.timeliness;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * How long a referral that arrives already past its due date (recorded late, or imported) waits before it
 * is marked overdue. An imported referral is usually followed within seconds by the outcome the case
 * already has, which closes it; without the grace every one of them would be marked overdue first.
 * Configured as {@code panel.timeliness.late-referral-grace}.
 */
@Component
public record LateReferralGrace(@Value("${panel.timeliness.late-referral-grace}") Duration duration) {
}

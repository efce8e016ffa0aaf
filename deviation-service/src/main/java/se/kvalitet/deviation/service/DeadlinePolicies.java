package se.kvalitet.deviation.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Deadlines the law states as "snarast" are policies, not constants (domain.md). Calendar time
 * from when the clock starts.
 */
@ConfigMapping(prefix = "kvalitet.deviation.deadlines")
public interface DeadlinePolicies {

    /** Lex Sarah: an allvarligt missförhållande is reported to IVO "snarast" after it was assessed as serious. */
    @WithDefault("P7D")
    Duration lexSarahIvoNotification();

    /** Lex Maria: a serious care injury (or risk of one) is reported to IVO "snarast" after the assessment. */
    @WithDefault("P7D")
    Duration lexMariaIvoNotification();
}

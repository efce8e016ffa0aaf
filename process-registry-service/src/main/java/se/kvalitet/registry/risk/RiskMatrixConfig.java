package se.kvalitet.registry.risk;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The lower bounds (scores 1-16) of the risk matrix classes above LOW; the municipality's own matrix. */
@ConfigMapping(prefix = "kvalitet.registry.risk.matrix")
public interface RiskMatrixConfig {

    @WithDefault("4")
    int mediumFrom();

    @WithDefault("8")
    int highFrom();

    @WithDefault("12")
    int veryHighFrom();
}

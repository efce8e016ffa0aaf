package se.kvalitet.report.statistics;

import io.quarkus.flyway.FlywayConfigurationCustomizer;
import jakarta.inject.Singleton;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/** Adds {@link CategoryBitFunction} to the migrations Flyway applies at start (after the SQL ones). */
@Singleton
public class CategoryBitMigrations implements FlywayConfigurationCustomizer {

    @Override
    public void customize(FluentConfiguration configuration) {
        configuration.javaMigrations(new CategoryBitFunction());
    }
}

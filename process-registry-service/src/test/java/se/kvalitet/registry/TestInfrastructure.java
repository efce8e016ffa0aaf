package se.kvalitet.registry;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import se.kvalitet.testing.KafkaTestResource;
import se.kvalitet.testing.OidcTestResource;
import se.kvalitet.testing.PostgresTestResource;

/** Real PostgreSQL, Kafka and a signing OIDC provider for every @QuarkusTest of this module. */
@WithTestResource(
        value = PostgresTestResource.class,
        scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "registry"))
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcTestResource.class, scope = TestResourceScope.GLOBAL)
public final class TestInfrastructure {

    private TestInfrastructure() {}
}

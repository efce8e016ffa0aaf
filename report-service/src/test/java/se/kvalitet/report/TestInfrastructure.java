package se.kvalitet.report;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import se.kvalitet.testing.KafkaTestResource;
import se.kvalitet.testing.OidcTestResource;
import se.kvalitet.testing.PostgresTestResource;
import se.kvalitet.testing.RegistryStubTestResource;

/** Real PostgreSQL, Kafka, a signing OIDC provider, a stand-in for process-registry-service's org-unit read and a real SMTP server (GreenMail) for every @QuarkusTest of this module. */
@WithTestResource(
        value = PostgresTestResource.class,
        scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "report"))
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = RegistryStubTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = GreenMailTestResource.class, scope = TestResourceScope.GLOBAL)
public final class TestInfrastructure {

    private TestInfrastructure() {}
}

package se.kvalitet.followup.indicator;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class QualityCriterionRepository implements PanacheRepositoryBase<QualityCriterion, String> {
}

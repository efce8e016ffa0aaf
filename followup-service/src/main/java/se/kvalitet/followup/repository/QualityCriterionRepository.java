package se.kvalitet.followup.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import se.kvalitet.followup.QualityCriterion;

@ApplicationScoped
public class QualityCriterionRepository implements PanacheRepositoryBase<QualityCriterion, String> {
}

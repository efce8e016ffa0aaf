package se.kvalitet.followup.criterion;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class QualityCriterionRepository implements PanacheRepositoryBase<QualityCriterion, String> {}

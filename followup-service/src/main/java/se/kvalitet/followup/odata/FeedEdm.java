package se.kvalitet.followup.odata;

import java.util.ArrayList;
import java.util.List;
import org.apache.olingo.commons.api.edm.EdmPrimitiveTypeKind;
import org.apache.olingo.commons.api.edm.FullQualifiedName;
import org.apache.olingo.commons.api.edm.provider.CsdlAbstractEdmProvider;
import org.apache.olingo.commons.api.edm.provider.CsdlEntityContainer;
import org.apache.olingo.commons.api.edm.provider.CsdlEntityContainerInfo;
import org.apache.olingo.commons.api.edm.provider.CsdlEntitySet;
import org.apache.olingo.commons.api.edm.provider.CsdlEntityType;
import org.apache.olingo.commons.api.edm.provider.CsdlProperty;
import org.apache.olingo.commons.api.edm.provider.CsdlPropertyRef;
import org.apache.olingo.commons.api.edm.provider.CsdlSchema;

/** The feed's entity data model ({@code $metadata}): the SQL-backed sets of {@link FeedSets} and the evaluations. */
final class FeedEdm extends CsdlAbstractEdmProvider {

    static final String NAMESPACE = "Kvalitet.Followup";
    static final FullQualifiedName CONTAINER = new FullQualifiedName(NAMESPACE, "Container");

    private final List<CsdlEntityType> types = new ArrayList<>();
    private final List<CsdlEntitySet> sets = new ArrayList<>();

    FeedEdm() {
        for (FeedSet s : FeedSets.ALL) {
            add(
                    s.name(),
                    s.typeName(),
                    s.properties().stream().map(FeedEdm::property).toList(),
                    s.keys());
        }
        add(
                EvaluationFeed.SET,
                EvaluationFeed.TYPE,
                EvaluationFeed.PROPERTIES.stream()
                        .map(p -> property(p.name(), p.type(), p.nullable()))
                        .toList(),
                EvaluationFeed.KEYS);
    }

    private void add(String set, String type, List<CsdlProperty> properties, List<String> keys) {
        types.add(new CsdlEntityType()
                .setName(type)
                .setProperties(properties)
                .setKey(keys.stream().map(k -> new CsdlPropertyRef().setName(k)).toList()));
        sets.add(new CsdlEntitySet().setName(set).setType(new FullQualifiedName(NAMESPACE, type)));
    }

    private static CsdlProperty property(FeedProperty p) {
        return property(p.name(), p.type(), p.nullable());
    }

    private static CsdlProperty property(String name, EdmPrimitiveTypeKind type, boolean nullable) {
        CsdlProperty p = new CsdlProperty()
                .setName(name)
                .setType(type.getFullQualifiedName())
                .setNullable(nullable);
        if (type == EdmPrimitiveTypeKind.Decimal) {
            p.setScale(6).setPrecision(20);
        }
        if (type == EdmPrimitiveTypeKind.DateTimeOffset) {
            p.setPrecision(6);
        }
        return p;
    }

    @Override
    public CsdlEntityType getEntityType(FullQualifiedName name) {
        if (!NAMESPACE.equals(name.getNamespace())) {
            return null;
        }
        return types.stream()
                .filter(t -> t.getName().equals(name.getName()))
                .findFirst()
                .orElse(null);
    }

    @Override
    public CsdlEntitySet getEntitySet(FullQualifiedName container, String name) {
        if (!CONTAINER.equals(container)) {
            return null;
        }
        return sets.stream().filter(s -> s.getName().equals(name)).findFirst().orElse(null);
    }

    @Override
    public CsdlEntityContainer getEntityContainer() {
        return new CsdlEntityContainer().setName(CONTAINER.getName()).setEntitySets(sets);
    }

    @Override
    public CsdlEntityContainerInfo getEntityContainerInfo(FullQualifiedName name) {
        if (name == null || CONTAINER.equals(name)) {
            return new CsdlEntityContainerInfo().setContainerName(CONTAINER);
        }
        return null;
    }

    @Override
    public List<CsdlSchema> getSchemas() {
        return List.of(new CsdlSchema()
                .setNamespace(NAMESPACE)
                .setEntityTypes(types)
                .setEntityContainer(getEntityContainer()));
    }
}

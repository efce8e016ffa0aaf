package se.kvalitet.deviation.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import se.kvalitet.events.deviation.ClockKind;
import se.kvalitet.events.deviation.DeviationCategory;

/**
 * Maps every {@link DeviationCategory} to its {@link CategoryPolicy}. A policy is found by its name:
 * {@code LEX_SARAH} → {@code se.kvalitet.deviation.domain.LexSarahPolicy}, so a new category needs
 * its policy class and nothing here. A category without one stops the service at start (the clock
 * engine loads {@link #standard()} when the application starts) and fails {@code CategoryPoliciesTest}.
 */
public final class CategoryPolicies {

    private static final class Holder {
        static final CategoryPolicies STANDARD =
                load(Arrays.asList(DeviationCategory.values()), CategoryPolicies::className);
    }

    private final Map<DeviationCategory, CategoryPolicy> policies;

    private CategoryPolicies(Map<DeviationCategory, CategoryPolicy> policies) {
        this.policies = policies;
    }

    /** The policies of every published category; throws {@link IllegalStateException} naming each category without one. */
    public static CategoryPolicies standard() {
        return Holder.STANDARD;
    }

    /** The policy of a category. */
    public static CategoryPolicy of(DeviationCategory category) {
        return standard().policy(category);
    }

    public CategoryPolicy policy(DeviationCategory category) {
        return policies.get(category);
    }

    /** The categories handled by {@code who}, in the enum's order. */
    public Set<DeviationCategory> handledBy(HandledBy who) {
        return policies.values().stream()
                .filter(p -> p.handledBy() == who)
                .map(CategoryPolicy::category)
                .collect(Collectors.toCollection(() -> java.util.EnumSet.noneOf(DeviationCategory.class)));
    }

    /** Every clock some category runs, with its default policy; a clock claimed by two categories is an error. */
    public Map<ClockKind, String> clockDefaults() {
        Map<ClockKind, String> all = new EnumMap<>(ClockKind.class);
        for (CategoryPolicy p : policies.values()) {
            p.clockDefaults().forEach((kind, policy) -> {
                if (all.putIfAbsent(kind, policy) != null) {
                    throw new IllegalStateException("Clock " + kind + " is claimed by two category policies");
                }
            });
        }
        return all;
    }

    /** {@code PERSONAL_DATA_BREACH} → {@code se.kvalitet.deviation.domain.PersonalDataBreachPolicy}. */
    static String className(DeviationCategory category) {
        StringBuilder name = new StringBuilder(CategoryPolicies.class.getPackageName()).append('.');
        for (String word : category.name().toLowerCase(Locale.ROOT).split("_")) {
            name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return name.append("Policy").toString();
    }

    /** Loads a policy per category from the class {@code className} names; fails listing every category without one. */
    static CategoryPolicies load(
            Collection<DeviationCategory> categories, Function<DeviationCategory, String> className) {
        Map<DeviationCategory, CategoryPolicy> found = new EnumMap<>(DeviationCategory.class);
        List<String> problems = new ArrayList<>();
        for (DeviationCategory c : categories) {
            String name = className.apply(c);
            try {
                Object policy = Class.forName(name, true, CategoryPolicies.class.getClassLoader())
                        .getDeclaredConstructor()
                        .newInstance();
                if (!(policy instanceof CategoryPolicy p) || p.category() != c) {
                    problems.add(c + ": " + name + " is not the CategoryPolicy of " + c);
                } else {
                    found.put(c, p);
                }
            } catch (ReflectiveOperationException | LinkageError e) {
                problems.add(c + ": no policy class " + name);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(
                    "Every deviation category needs a CategoryPolicy: " + String.join("; ", problems));
        }
        CategoryPolicies loaded = new CategoryPolicies(found);
        loaded.clockDefaults();
        return loaded;
    }
}

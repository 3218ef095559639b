package org.callrec.core.policy;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.callrec.core.policy.internal.YamlBinding;
import org.callrec.core.policy.internal.YamlSection;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Checks a bound policy against the Jakarta Validation constraints of the model records, and
 * reports each violation under the path the file uses.
 */
final class PolicyConstraints {

    /**
     * Built once: a validator factory is costly to build and safe to share. The parameter
     * interpolator needs no expression language, so messages never evaluate file content.
     */
    private static final ValidatorFactory FACTORY = Validation.byProvider(HibernateValidator.class)
            .configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory();

    private PolicyConstraints() {
    }

    static void check(Policy policy, YamlBinding binding) {
        Validator validator = FACTORY.getValidator();
        for (ConstraintViolation<Policy> violation : validator.validate(policy)) {
            String path = filePath(violation.getPropertyPath());

            // A value the binder already refused was bound as null; its "must not be null" would
            // only repeat the first, more precise, problem.
            if (binding.hasProblemAt(path)) {
                continue;
            }
            binding.report(path, shown(violation.getInvalidValue()), rule(violation));
        }
    }

    /**
     * Turns a validation path into the file's: {@code recordableCalls.teams[].<iterable element>}
     * becomes {@code recordable-calls.teams[]}.
     */
    static String filePath(Path path) {
        // Limitation: sets have no index, so a constraint on a set's item reads "teams[]". The
        // binder refuses blank and repeated items itself, with their index, before this runs.
        StringBuilder file = new StringBuilder();
        for (Path.Node node : path) {
            if (node.isInIterable()) {
                file.append('[').append(node.getIndex() == null ? "" : node.getIndex()).append(']');
            }
            String name = node.getName();
            if (name == null || name.startsWith("<")) {
                continue;
            }

            if (file.length() > 0) {
                file.append('.');
            }
            file.append(YamlSection.kebab(name));
        }
        return file.toString();
    }

    private static String rule(ConstraintViolation<?> violation) {
        return violation.getInvalidValue() == null ? "is required" : violation.getMessage();
    }

    private static String shown(Object value) {
        return value == null ? null : String.valueOf(value);
    }
}

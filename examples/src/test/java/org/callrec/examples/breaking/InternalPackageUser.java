package org.callrec.examples.breaking;

import java.util.List;
import org.callrec.core.policy.internal.YamlProblem;

/** Breaks the rule that internal packages stay inside their module: it uses core's. */
public final class InternalPackageUser {
    private InternalPackageUser() {
    }

    /** Returns the paths of problems, typed with a class core keeps to itself. */
    public static List<String> paths(List<YamlProblem> problems) {
        return problems.stream().map(YamlProblem::path).toList();
    }
}

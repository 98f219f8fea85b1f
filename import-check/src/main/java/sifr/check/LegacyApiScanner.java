package sifr.check;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;

/**
 * The rule engine of SIFR-IMPORT-0008 over attributed javac trees, shared by the plugin and
 * {@code sifr check}. Names are resolved by the compiler ({@link Trees#getElement}), so a user's own
 * class called {@code Socket} is not a finding and {@code java.net.Socket} is one however it is
 * spelled: imported, fully qualified, statically imported, or reached through a wildcard import.
 * Only names written in the source count; an expression whose type merely is legacy does not.
 */
public final class LegacyApiScanner {

    private final Trees trees;
    private final CheckOptions options;

    public LegacyApiScanner(Trees trees, CheckOptions options) {
        this.trees = trees;
        this.options = options;
    }

    /** The findings of a compilation unit's imports (allowed when every top-level type allows them). */
    public List<Finding> scanImports(CompilationUnitTree unit) {
        TreePath unitPath = new TreePath(unit);
        UseScanner scanner = new UseScanner(unit, List.of());
        for (ImportTree importTree : unit.getImports()) {
            TreePath importPath = new TreePath(unitPath, importTree);
            if (!(importTree.getQualifiedIdentifier() instanceof MemberSelectTree qualified)) {
                continue;
            }
            TreePath qualifiedPath = new TreePath(importPath, qualified);
            TreePath ownerPath = new TreePath(qualifiedPath, qualified.getExpression());
            if (importTree.isStatic()) {
                scanner.scan(ownerPath, null); // import static java.net.URLEncoder.encode: the type
            } else if (qualified.getIdentifier().contentEquals("*")) {
                scanner.wildcard(ownerPath);
            } else {
                scanner.scan(qualifiedPath, null);
            }
        }
        List<List<NamePattern>> topLevel = new ArrayList<>();
        for (Tree declaration : unit.getTypeDecls()) {
            if (declaration instanceof ClassTree) {
                topLevel.add(Suppressions.of(trees.getElement(new TreePath(unitPath, declaration))));
            }
        }
        List<Finding> findings = new ArrayList<>();
        for (Finding finding : scanner.findings()) {
            if (!allSuppress(topLevel, finding)) {
                findings.add(finding);
            }
        }
        return findings;
    }

    /** The findings inside one top-level type declaration (nested and local types included). */
    public List<Finding> scanType(TreePath typePath) {
        UseScanner scanner = new UseScanner(typePath.getCompilationUnit(), List.of());
        scanner.scan(typePath, null);
        return scanner.findings();
    }

    /** Imports cannot be annotated: they are allowed only when every top-level type of the file allows them. */
    private static boolean allSuppress(List<List<NamePattern>> topLevel, Finding finding) {
        if (topLevel.isEmpty()) {
            return false;
        }
        for (List<NamePattern> patterns : topLevel) {
            if (!Suppressions.matches(patterns, finding.legacyName(), finding.packageName())) {
                return false;
            }
        }
        return true;
    }

    /** Walks one subtree, collecting findings (one per source position) under the active suppressions. */
    private final class UseScanner extends TreePathScanner<Void, Void> {
        private final CompilationUnitTree unit;
        private final SourcePositions positions = trees.getSourcePositions();
        // javac gives generated members (record accessors, canonical constructors) the component's
        // type tree again: one finding per position keeps them from being reported twice
        private final Map<Long, Finding> found = new LinkedHashMap<>();
        private List<NamePattern> suppressed;
        private CharSequence source;

        UseScanner(CompilationUnitTree unit, List<NamePattern> suppressed) {
            this.unit = unit;
            this.suppressed = suppressed;
        }

        List<Finding> findings() {
            return new ArrayList<>(found.values());
        }

        @Override
        public Void visitClass(ClassTree tree, Void unused) {
            return withSuppressions(() -> super.visitClass(tree, unused));
        }

        @Override
        public Void visitMethod(MethodTree tree, Void unused) {
            return withSuppressions(() -> super.visitMethod(tree, unused));
        }

        @Override
        public Void visitVariable(VariableTree tree, Void unused) {
            return withSuppressions(() -> super.visitVariable(tree, unused));
        }

        private Void withSuppressions(java.util.function.Supplier<Void> body) {
            List<NamePattern> added = Suppressions.of(trees.getElement(getCurrentPath()));
            if (added.isEmpty()) {
                return body.get();
            }
            List<NamePattern> outer = suppressed;
            List<NamePattern> inner = new ArrayList<>(outer);
            inner.addAll(added);
            suppressed = inner;
            try {
                return body.get();
            } finally {
                suppressed = outer;
            }
        }

        @Override
        public Void visitIdentifier(IdentifierTree tree, Void unused) {
            if (tree.getName().contentEquals("this") || tree.getName().contentEquals("super")) {
                return null; // also javac's implicit super() in generated constructors
            }
            Element element = trees.getElement(getCurrentPath());
            if (element instanceof TypeElement type) {
                report(type, type.getQualifiedName().toString(), tree);
            } else if (element != null && isStaticMember(element)
                    && element.getEnclosingElement() instanceof TypeElement owner) {
                // a statically imported member used by its simple name: encode(s, UTF_8)
                report(owner, owner.getQualifiedName() + "." + element.getSimpleName(), tree);
            }
            return null;
        }

        @Override
        public Void visitMemberSelect(MemberSelectTree tree, Void unused) {
            Element element = trees.getElement(getCurrentPath());
            if (element instanceof TypeElement type && isPackage(tree.getExpression())) {
                // a fully qualified name: java.net.Socket. Point at its first character.
                report(type, type.getQualifiedName().toString(), firstName(tree));
                return null;
            }
            // URLEncoder.encode, HttpClient.Version, Socket.class: the qualifier is what names the type
            return super.visitMemberSelect(tree, unused);
        }

        /**
         * Whether the name really is written at that position. javac gives an implicitly typed lambda
         * parameter ({@code exchange -> ...}) a synthetic type tree at the parameter's position; the
         * source there reads {@code exchange}, not {@code HttpExchange}, so it is not a use.
         */
        private boolean writtenAt(Tree at, long position) {
            if (!(at instanceof IdentifierTree identifier)) {
                return false;
            }
            if (source == null) {
                try {
                    source = unit.getSourceFile().getCharContent(true);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + unit.getSourceFile().getName(), e);
                }
            }
            String name = identifier.getName().toString();
            int start = (int) position;
            if (start + name.length() > source.length()) {
                return false;
            }
            for (int i = 0; i < name.length(); i++) {
                if (source.charAt(start + i) != name.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        /** {@code import javax.net.ssl.*;} (a package) or {@code import java.net.http.HttpClient.*;} (a type). */
        void wildcard(TreePath ownerPath) {
            ExpressionTree owner = (ExpressionTree) ownerPath.getLeaf();
            Element element = trees.getElement(ownerPath);
            if (element instanceof TypeElement) {
                scan(ownerPath, null);
                return;
            }
            String packageName = element instanceof PackageElement pkg
                    ? pkg.getQualifiedName().toString() : owner.toString();
            LegacyApis.forPackage(packageName).ifPresent(api ->
                    add(api, packageName + ".*", packageName, firstName(owner)));
        }

        private boolean isPackage(ExpressionTree qualifier) {
            Element element = trees.getElement(new TreePath(getCurrentPath(), qualifier));
            return element != null && element.getKind() == ElementKind.PACKAGE;
        }

        private void report(TypeElement type, String legacyName, Tree at) {
            String packageName = packageOf(type);
            Optional<LegacyApi> api = LegacyApis.forType(type.getQualifiedName().toString(), packageName);
            api.ifPresent(row -> add(row, legacyName, packageName, at));
        }

        private void add(LegacyApi api, String legacyName, String packageName, Tree at) {
            if (options.isAllowed(legacyName, packageName)
                    || Suppressions.matches(suppressed, legacyName, packageName)) {
                return;
            }
            long position = positions.getStartPosition(unit, at);
            if (position < 0 || !writtenAt(at, position)) {
                return; // generated by the compiler: not in the source
            }
            found.putIfAbsent(position, new Finding(unit, at, position, legacyName, packageName, api));
        }
    }

    private static boolean isStaticMember(Element element) {
        ElementKind kind = element.getKind();
        return (kind == ElementKind.METHOD || kind == ElementKind.FIELD || kind == ElementKind.ENUM_CONSTANT)
                && element.getModifiers().contains(Modifier.STATIC);
    }

    private static Tree firstName(ExpressionTree name) {
        ExpressionTree first = name;
        while (first instanceof MemberSelectTree select) {
            first = select.getExpression();
        }
        return first;
    }

    private static String packageOf(Element element) {
        Element current = element;
        while (current != null && !(current instanceof PackageElement)) {
            current = current.getEnclosingElement();
        }
        return current == null ? "" : ((PackageElement) current).getQualifiedName().toString();
    }
}

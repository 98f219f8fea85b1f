package sifr.check;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.Plugin;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.Diagnostic;

/**
 * The javac plugin {@code SifrImportCheck}: {@code -Xplugin:SifrImportCheck} reports SIFR-IMPORT-0008
 * at every import and use of a legacy JDK networking API. Arguments (one {@code -Xplugin:} string,
 * space separated): {@code warn} reports warnings instead of errors; {@code allow=NAME[,NAME...]}
 * names exceptions ({@code java.net.URI}, {@code javax.net.ssl.*}). Code of the module {@code sifr}
 * is exempt.
 *
 * <p>It runs when javac has finished analysing each top-level class (attribution and flow, before
 * desugaring), so every name is resolved and the trees are still the source's.
 */
public final class SifrImportCheckPlugin implements Plugin {

    /** The name given to {@code -Xplugin:}. */
    public static final String NAME = "SifrImportCheck";

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public void init(JavacTask task, String... args) {
        CheckOptions options = CheckOptions.parsePluginArgs(args);
        task.addTaskListener(new Listener(Trees.instance(task), task.getElements(), options));
    }

    private static final class Listener implements TaskListener {
        private final Trees trees;
        private final Elements elements;
        private final CheckOptions options;
        private final LegacyApiScanner scanner;
        // a file with several top-level classes is analysed once per class; its imports once
        private final Set<CompilationUnitTree> importsChecked = Collections.newSetFromMap(new WeakHashMap<>());

        Listener(Trees trees, Elements elements, CheckOptions options) {
            this.trees = trees;
            this.elements = elements;
            this.options = options;
            this.scanner = new LegacyApiScanner(trees, options);
        }

        @Override
        public void finished(TaskEvent event) {
            if (event.getKind() != TaskEvent.Kind.ANALYZE) {
                return;
            }
            TypeElement type = event.getTypeElement();
            CompilationUnitTree unit = event.getCompilationUnit();
            if (type == null || unit == null || isExempt(type)) {
                return;
            }
            if (importsChecked.add(unit)) {
                report(unit, scanner.scanImports(unit));
            }
            if (type.getEnclosingElement().getKind() == ElementKind.PACKAGE) {
                TreePath path = trees.getPath(type);
                if (path != null) {
                    report(unit, scanner.scanType(path));
                }
            }
        }

        private boolean isExempt(TypeElement type) {
            ModuleElement module = elements.getModuleOf(type);
            return module != null && !module.isUnnamed()
                    && module.getQualifiedName().contentEquals(ImportDiagnostic.EXEMPT_MODULE);
        }

        private void report(CompilationUnitTree unit, List<Finding> findings) {
            Diagnostic.Kind kind = options.severity() == Severity.ERROR ? Diagnostic.Kind.ERROR
                    : Diagnostic.Kind.WARNING;
            for (Finding finding : findings) {
                trees.printMessage(kind, ImportDiagnostic.message(options.severity(), finding), finding.at(), unit);
            }
        }
    }
}

package dev.jgrad.processor;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The processor's one direction (DESIGN.md, section 2): front, analysis, transform and emit each use
 * only the stages before them; {@code ir}, {@code rules} and {@code diag} are shared by all and use no
 * stage. The pipeline classes at the top ({@code JgradProcessor}, {@code ClassPipeline}) run them:
 * only they call {@code front}, {@code transform} and {@code emit}; {@code emit} only prints what the
 * transform made (it reads the IR, the rule table and the diagnostics, and runs no analysis).
 */
class ArchitectureTest {
    private static final JavaClasses PROCESSOR = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.jgrad.processor");

    @Test
    void stagesDependOnlyOnEarlierStages() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("pipeline").definedBy("dev.jgrad.processor")
                .layer("front").definedBy("dev.jgrad.processor.front..")
                .layer("analysis").definedBy("dev.jgrad.processor.analysis..")
                .layer("transform").definedBy("dev.jgrad.processor.transform..")
                .layer("emit").definedBy("dev.jgrad.processor.emit..")
                .layer("rules").definedBy("dev.jgrad.processor.rules..")
                .layer("ir").definedBy("dev.jgrad.processor.ir..")
                .layer("diag").definedBy("dev.jgrad.processor.diag..")
                .whereLayer("pipeline").mayNotBeAccessedByAnyLayer()
                .whereLayer("front").mayOnlyBeAccessedByLayers("pipeline")
                .whereLayer("analysis").mayOnlyBeAccessedByLayers("pipeline", "transform")
                .whereLayer("transform").mayOnlyBeAccessedByLayers("pipeline")
                .whereLayer("emit").mayOnlyBeAccessedByLayers("pipeline")
                .whereLayer("emit").mayOnlyAccessLayers("ir", "rules", "diag")
                .whereLayer("rules").mayOnlyBeAccessedByLayers("pipeline", "front", "analysis", "transform", "emit")
                .whereLayer("rules").mayOnlyAccessLayers("ir", "diag")
                .whereLayer("ir").mayOnlyBeAccessedByLayers("pipeline", "front", "analysis", "transform", "emit", "rules")
                .whereLayer("ir").mayOnlyAccessLayers("diag")
                .whereLayer("diag").mayNotAccessAnyLayer()
                .check(PROCESSOR);
    }
}

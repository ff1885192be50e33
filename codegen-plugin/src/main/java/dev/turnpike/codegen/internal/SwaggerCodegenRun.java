package dev.turnpike.codegen.internal;

import dev.turnpike.codegen.CodegenException;
import io.swagger.codegen.v3.ClientOptInput;
import io.swagger.codegen.v3.DefaultGenerator;
import io.swagger.codegen.v3.config.CodegenConfigurator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One run of swagger-codegen v3: the Java client generator ({@link TurnpikeJavaCodegen}) with the {@code okhttp4-gson}
 * library, Java 8 dates, no generation timestamp, and neither tests nor docs, into a scratch directory whose
 * {@code src/main/java} holds the sources. The generated build files are not used: the consuming project compiles the
 * sources with its own, pinned dependencies.
 */
public final class SwaggerCodegenRun {
    private SwaggerCodegenRun() {
    }

    /**
     * Generates the client of API {@code api} from {@code document} (prepared JSON) into {@code scratch}, with its
     * classes under {@code basePackage} ({@code .api}, {@code .model}; {@code ApiClient} in {@code basePackage}).
     *
     * @return the directory of the generated Java sources
     * @throws CodegenException naming the API when swagger-codegen fails
     */
    public static Path generate(String api, String document, String basePackage, Path scratch) {
        try {
            Files.createDirectories(scratch);
            Path spec = scratch.resolve("openapi.json");
            Files.writeString(spec, document, StandardCharsets.UTF_8);
            CodegenConfigurator c = new CodegenConfigurator();
            c.setLang(TurnpikeJavaCodegen.class.getName());
            c.setInputSpecURL(spec.toString());
            c.setOutputDir(scratch.resolve("out").toString());
            c.setLibrary("okhttp4-gson");
            c.setApiPackage(basePackage + ".api");
            c.setModelPackage(basePackage + ".model");
            c.setInvokerPackage(basePackage);
            c.addAdditionalProperty("dateLibrary", "java8");
            c.addAdditionalProperty("java8", true);
            c.addAdditionalProperty("hideGenerationTimestamp", true);
            ClientOptInput input = c.toClientOptInput();
            if (input.getOpenAPI() == null) {
                throw new CodegenException(api, "swagger-parser could not read the prepared document");
            }
            DefaultGenerator generator = new DefaultGenerator();
            for (String off : new String[] {"apiTests", "modelTests", "apiDocs", "modelDocs"}) {
                generator.setGeneratorPropertyDefault(off, "false");
            }
            generator.setGenerateSwaggerMetadata(false);
            generator.opts(input).generate();
        } catch (IOException e) {
            throw new CodegenException(api, "cannot write to " + scratch + ": " + e, e);
        } catch (CodegenException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CodegenException(api, "swagger-codegen failed on the document: " + e, e);
        }
        Path sources = scratch.resolve("out").resolve("src/main/java");
        if (!Files.isDirectory(sources)) {
            throw new CodegenException(api, "swagger-codegen wrote no sources (expected: " + sources + ")");
        }
        return sources;
    }
}

package dev.turnpike.codegen.internal;

import io.swagger.codegen.v3.generators.java.JavaClientCodegen;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.EmailSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.UUIDSchema;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * swagger-codegen's Java client generator with the names that clash in generated code kept apart:
 *
 * <ul>
 *   <li>parameters named like the locals of the {@code okhttp4-gson} API template ({@code call}, {@code resp},
 *       {@code callback}, {@code progressListener}, ...) are escaped like Java keywords ({@code _resp}; {@code callback} is {@code paramCallback}), which is
 *       what {@code reservedWords} is for; {@code localVariablePrefix} would rename the locals but not all of
 *       them;</li>
 *   <li>models named like a {@code java.lang} type ({@code Override}, {@code Error}, {@code Thread}) or like a type
 *       the generated code imports by its simple name ({@code List}, {@code Map}, {@code UUID}: the generator's
 *       import mappings) get the {@code Model} prefix the generator gives models named like keywords, so they
 *       neither shadow {@code java.lang} in the model package (an {@code Override} model breaks every
 *       {@code @Override}) nor are shadowed by an import (a model extending a {@code list} schema would extend
 *       {@code java.util.List});</li>
 *   <li>string defaults of {@code format: email} and {@code format: uuid} properties are Java literals
 *       ({@code "a@example.com"}, {@code UUID.fromString("...")}); the generator prints them unquoted.</li>
 * </ul>
 *
 * <p>Instantiated by swagger-codegen by its class name ({@code CodegenConfigurator.setLang}).
 */
public class TurnpikeJavaCodegen extends JavaClientCodegen {
    /** The locals and parameters of the okhttp4-gson API template (api.mustache of swagger-codegen-generators). */
    static final List<String> TEMPLATE_LOCALS = List.of("apiClient", "call", "callback", "chain", "done",
            "e", "executableValidator", "factory", "localVarAccept", "localVarAccepts", "localVarAuthNames",
            "localVarCollectionQueryParams", "localVarContentType", "localVarContentTypes", "localVarFormParams",
            "localVarHeaderParams", "localVarPath", "localVarPostBody", "localVarQueryParams", "localVarReturnType",
            "method", "originalResponse", "parameterValues", "progressListener", "progressRequestListener",
            "resp", "violations", "bytesRead", "bytesWritten", "contentLength", "response", "request");

    /** A generator with the extra reserved words. */
    public TurnpikeJavaCodegen() {
        super();
        for (String local : TEMPLATE_LOCALS) {
            reservedWords.add(local);
            reservedWords.add(local.toLowerCase(java.util.Locale.ROOT));
        }
    }

    private final Set<String> schemaNames = new HashSet<>();

    @Override
    public void preprocessOpenAPI(OpenAPI openAPI) {
        super.preprocessOpenAPI(openAPI);
        if (openAPI.getComponents() != null && openAPI.getComponents().getSchemas() != null) {
            schemaNames.addAll(openAPI.getComponents().getSchemas().keySet());
        }
    }

    @Override
    public String toModelName(String name) {
        String model = super.toModelName(name);
        if (schemaNames.contains(name) && importMapping().containsKey(model)) {
            return "Model" + model;
        }
        // Object, String, Integer...: the generator's own names for types, not schemas of the document.
        if (languageSpecificPrimitives().contains(model) || typeMapping().containsValue(model)) {
            return model;
        }
        return isJavaLangType(model) ? "Model" + model : model;
    }

    @Override
    public String toDefaultValue(Schema schema) {
        if (schema instanceof EmailSchema && schema.getDefault() instanceof String email) {
            return quoted(email);
        }
        if (schema instanceof UUIDSchema && schema.getDefault() != null) {
            return "UUID.fromString(" + quoted(schema.getDefault().toString()) + ")";
        }
        return super.toDefaultValue(schema);
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Whether {@code simpleName} is a public type of {@code java.lang} on this JDK. */
    static boolean isJavaLangType(String simpleName) {
        if (simpleName.isEmpty() || !Character.isUpperCase(simpleName.charAt(0))) {
            return false;
        }
        try {
            Class<?> type = Class.forName("java.lang." + simpleName, false, ClassLoader.getPlatformClassLoader());
            return java.lang.reflect.Modifier.isPublic(type.getModifiers());
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}

package dev.turnpike.codegen.internal;

import io.swagger.codegen.v3.generators.java.JavaClientCodegen;
import java.util.List;

/**
 * swagger-codegen's Java client generator with the names that clash in generated code kept apart:
 *
 * <ul>
 *   <li>parameters named like the locals of the {@code okhttp4-gson} API template ({@code call}, {@code resp},
 *       {@code callback}, {@code progressListener}, ...) are escaped like Java keywords ({@code _resp}; {@code callback} is {@code paramCallback}), which is
 *       what {@code reservedWords} is for; {@code localVariablePrefix} would rename the locals but not all of
 *       them;</li>
 *   <li>models named like a {@code java.lang} type ({@code Override}, {@code Error}, {@code Thread}) get the
 *       {@code Model} prefix the generator gives models named like keywords, so they do not shadow
 *       {@code java.lang} in the model package (an {@code Override} model breaks every {@code @Override}).</li>
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

    @Override
    public String toModelName(String name) {
        String model = super.toModelName(name);
        // Object, String, Integer...: the generator's own names for types, not schemas of the document.
        if (languageSpecificPrimitives().contains(model) || typeMapping().containsValue(model)) {
            return model;
        }
        return isJavaLangType(model) ? "Model" + model : model;
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

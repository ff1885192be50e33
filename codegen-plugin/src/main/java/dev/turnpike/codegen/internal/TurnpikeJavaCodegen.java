package dev.turnpike.codegen.internal;

import io.swagger.codegen.v3.CodegenOperation;
import io.swagger.codegen.v3.CodegenParameter;
import io.swagger.codegen.v3.generators.java.JavaClientCodegen;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.EmailSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.UUIDSchema;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
 *   <li>two parameters of one operation with the same Java name (a path {@code list_id} and a query
 *       {@code list_id}) are told apart: the second is {@code listId2} in the signature and wherever it is sent (the
 *       generator renames it only in operations with a request body, and only in the signature);</li>
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
    public CodegenOperation fromOperation(String path, String httpMethod, Operation operation,
            Map<String, Schema> schemas, OpenAPI openAPI) {
        CodegenOperation op = super.fromOperation(path, httpMethod, operation, schemas, openAPI);
        // allParams' objects are renamed in place (the request contents of the signature hold the same ones); the
        // other lists get renamed copies, as their objects may be shared with other operations.
        Set<String> seen = new HashSet<>();
        Map<String, String> names = new HashMap<>();
        for (CodegenParameter p : op.allParams) {
            String name = p.paramName;
            for (int n = 2; !seen.add(name); n++) {
                name = p.paramName + n;
            }
            p.paramName = name;
            names.putIfAbsent(place(p) + " " + p.baseName, name);
        }
        for (List<CodegenParameter> list : List.of(op.bodyParams, op.pathParams, op.queryParams, op.headerParams,
                op.cookieParams, op.formParams, op.requiredParams)) {
            for (int i = 0; i < list.size(); i++) {
                CodegenParameter q = list.get(i);
                String name = names.get(place(q) + " " + q.baseName);
                if (name != null && !name.equals(q.paramName)) {
                    q = q.copy();
                    q.paramName = name;
                    list.set(i, q);
                }
            }
        }
        return op;
    }

    /** Where {@code p} is sent: the lists other than allParams are matched to it by place and wire name. */
    private static String place(CodegenParameter p) {
        if (Boolean.TRUE.equals(p.getIsQueryParam())) {
            return "query";
        } else if (Boolean.TRUE.equals(p.getIsHeaderParam())) {
            return "header";
        } else if (Boolean.TRUE.equals(p.getIsCookieParam())) {
            return "cookie";
        } else if (Boolean.TRUE.equals(p.getIsPathParam())) {
            return "path";
        }
        return "other";
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
